"""The synthetic corpus's vocabulary: companies, products, entities, terms, tags, outlets, metrics,
datasets, people and the phrases articles are assembled from — all written for this generator.

Chinese is Traditional (Taiwan usage), the report's canonical script; Simplified text is derived with
OpenCC when an article's digest is in Simplified. Names pin their mainland form where OpenCC would not
produce it (輝達 → 英伟达), as the real data files do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prod:
    id: str
    kind: str
    en: str
    zh: str | None = None
    aliases: tuple[str, ...] = ()
    hans: str | None = None  # pinned Simplified form
    role: str = ""  # model | chip | app | cloud: which figure templates may use it


@dataclass(frozen=True)
class Co:
    id: str
    en: str
    zh: str
    sector_en: str
    sector_zh: str
    hq_en: str
    hq_zh: str
    aliases: tuple[str, ...] = ()
    hans: str | None = None
    variants: tuple[str, ...] = ()
    tickers: tuple[tuple[str, str], ...] = ()
    products: tuple[Prod, ...] = ()
    tier: str = "short"
    private: bool = False
    chinese: bool = True
    website: str | None = None
    parent: str | None = None
    weight: int = 1  # how often articles feature it


P = Prod
GIANTS = ("alibaba", "bytedance", "tencent", "huawei", "baidu")

COMPANIES: tuple[Co, ...] = (
    Co("alibaba", "Alibaba Group", "阿里巴巴集團", "E-commerce and cloud computing", "電子商務與雲端運算",
       "Hangzhou, China", "中國杭州", ("Alibaba", "BABA", "阿里", "阿里巴巴"), variants=("阿里巴巴集团",),
       tickers=(("BABA", "NYSE"), ("9988", "HKEX")), tier="full", weight=9, website="https://www.alibabagroup.com",
       products=(P("qwen", "model", "Qwen", "通義千問", ("千問", "通義"), role="model"),
                 P("alibaba-cloud", "service", "Alibaba Cloud", "阿里雲", ("Aliyun",), role="cloud"),
                 P("taobao", "platform", "Taobao", "淘寶", ("淘寶網",), role="app"),
                 P("t-head", "subsidiary", "T-Head", "平頭哥", ("平頭哥半導體",)))),
    Co("bytedance", "ByteDance", "字節跳動", "Internet platforms and apps", "網際網路平台與應用",
       "Beijing, China", "中國北京", ("ByteDance", "字節"), private=True, tier="full", weight=8,
       website="https://www.bytedance.com",
       products=(P("doubao", "app", "Doubao", "豆包", ("豆包大模型",), role="app"),
                 P("douyin", "app", "Douyin", "抖音", (), role="app"),
                 P("tiktok", "app", "TikTok", None, ("TikTok",), role="app"),
                 P("volcano-engine", "service", "Volcano Engine", "火山引擎", (), role="cloud"),
                 P("seed-model", "model", "Doubao Seed", "豆包Seed", (), role="model"))),
    Co("tencent", "Tencent", "騰訊控股", "Social media, games and cloud", "社群媒體、遊戲與雲端",
       "Shenzhen, China", "中國深圳", ("Tencent", "騰訊", "TCEHY"), tickers=(("0700", "HKEX"),), tier="full",
       weight=8, website="https://www.tencent.com",
       products=(P("wechat", "app", "WeChat", "微信", ("Weixin",), role="app"),
                 P("hunyuan", "model", "Hunyuan", "混元", ("混元大模型",), role="model"),
                 P("tencent-cloud", "service", "Tencent Cloud", "騰訊雲", (), role="cloud"),
                 P("yuanbao", "app", "Yuanbao", "元寶", (), role="app"))),
    Co("huawei", "Huawei", "華為", "Telecom equipment, devices and chips", "通訊設備、終端與晶片",
       "Shenzhen, China", "中國深圳", ("Huawei", "華為技術"), private=True, tier="full", weight=8,
       website="https://www.huawei.com",
       products=(P("ascend-910c", "chip", "Ascend 910C", "昇騰910C", ("910C",), role="chip"),
                 P("harmonyos", "os", "HarmonyOS", "鴻蒙", ("鴻蒙系統",)),
                 P("huawei-cloud", "service", "Huawei Cloud", "華為雲", (), role="cloud"),
                 P("pangu", "model", "Pangu", "盤古大模型", ("盤古",), role="model"))),
    Co("baidu", "Baidu", "百度", "Search, AI cloud and autonomous driving", "搜尋、智慧雲與自動駕駛",
       "Beijing, China", "中國北京", ("Baidu", "BIDU"), tickers=(("BIDU", "NASDAQ"), ("9888", "HKEX")),
       tier="full", weight=8, website="https://www.baidu.com",
       products=(P("ernie", "model", "ERNIE", "文心大模型", ("文心", "文心一言"), role="model"),
                 P("kunlun-p800", "chip", "Kunlun P800", "崑崙芯P800", ("P800",), role="chip"),
                 P("baidu-ai-cloud", "service", "Baidu AI Cloud", "百度智慧雲", ("百度智能雲",), role="cloud"),
                 P("apollo-go", "service", "Apollo Go", "蘿蔔快跑", (), role="app"))),
    Co("nvidia", "NVIDIA", "輝達", "AI accelerators and GPUs", "AI加速晶片與繪圖處理器", "Santa Clara, USA",
       "美國聖塔克拉拉", ("Nvidia", "NVDA"), hans="英伟达", variants=("英偉達",), tickers=(("NVDA", "NASDAQ"),),
       chinese=False, weight=7, website="https://www.nvidia.com",
       products=(P("h20", "chip", "H20", None, ("H20",)),)),
    Co("amd", "AMD", "超微半導體", "Processors and accelerators", "處理器與加速晶片", "Santa Clara, USA",
       "美國聖塔克拉拉", ("AMD", "超微"), tickers=(("AMD", "NASDAQ"),), chinese=False),
    Co("intel", "Intel", "英特爾", "Processors and foundry", "處理器與晶圓代工", "Santa Clara, USA",
       "美國聖塔克拉拉", ("Intel",), tickers=(("INTC", "NASDAQ"),), chinese=False),
    Co("tsmc", "TSMC", "台積電", "Semiconductor foundry", "晶圓代工", "Hsinchu, Taiwan", "台灣新竹",
       ("TSMC", "台積"), tickers=(("TSM", "NYSE"),), chinese=False, weight=3),
    Co("smic", "SMIC", "中芯國際", "Semiconductor foundry", "晶圓代工", "Shanghai, China", "中國上海",
       ("SMIC", "中芯"), tickers=(("0981", "HKEX"), ("688981", "SSE")), weight=3),
    Co("cambricon", "Cambricon", "寒武紀", "AI chips", "AI晶片", "Beijing, China", "中國北京",
       ("Cambricon", "寒武紀科技"), tickers=(("688256", "SSE"),), weight=3,
       products=(P("siyuan-590", "chip", "Siyuan 590", "思元590", (), role="chip"),)),
    Co("hygon", "Hygon", "海光資訊", "Processors and accelerators", "處理器與加速晶片", "Tianjin, China",
       "中國天津", ("Hygon", "海光"), tickers=(("688041", "SSE"),)),
    Co("moore-threads", "Moore Threads", "摩爾線程", "GPUs", "繪圖處理器", "Beijing, China", "中國北京",
       ("Moore Threads",), tickers=(("688795", "SSE"),)),
    Co("biren", "Biren Technology", "壁仞科技", "GPUs", "繪圖處理器", "Shanghai, China", "中國上海",
       ("Biren", "壁仞"), private=True),
    Co("xiaomi", "Xiaomi", "小米集團", "Smartphones, devices and electric cars", "手機、智慧裝置與電動車",
       "Beijing, China", "中國北京", ("Xiaomi", "小米"), tickers=(("1810", "HKEX"),), weight=4),
    Co("jd", "JD.com", "京東集團", "E-commerce and logistics", "電子商務與物流", "Beijing, China", "中國北京",
       ("JD", "京東"), tickers=(("JD", "NASDAQ"), ("9618", "HKEX")), weight=3),
    Co("meituan", "Meituan", "美團", "Local services and delivery", "本地生活服務與外送", "Beijing, China",
       "中國北京", ("Meituan",), tickers=(("3690", "HKEX"),), weight=3),
    Co("pdd", "PDD Holdings", "拼多多控股", "E-commerce", "電子商務", "Dublin, Ireland", "愛爾蘭都柏林",
       ("PDD", "拼多多"), tickers=(("PDD", "NASDAQ"),), weight=2,
       products=(P("temu", "platform", "Temu", None, ("Temu",)),)),
    Co("kuaishou", "Kuaishou", "快手科技", "Short video", "短影音", "Beijing, China", "中國北京",
       ("Kuaishou", "快手"), tickers=(("1024", "HKEX"),), weight=2,
       products=(P("kling", "model", "Kling", "可靈", (), role="model"),)),
    Co("netease", "NetEase", "網易", "Games and online services", "遊戲與線上服務", "Hangzhou, China", "中國杭州",
       ("NetEase",), tickers=(("NTES", "NASDAQ"), ("9999", "HKEX")), weight=2),
    Co("sensetime", "SenseTime", "商湯科技", "Computer vision and AI software", "電腦視覺與AI軟體",
       "Shanghai, China", "中國上海", ("SenseTime", "商湯"), tickers=(("0020", "HKEX"),), weight=2),
    Co("iflytek", "iFlytek", "科大訊飛", "Speech and language AI", "語音與語言AI", "Hefei, China", "中國合肥",
       ("iFlytek", "訊飛"), tickers=(("002230", "SZSE"),), weight=2,
       products=(P("spark", "model", "Spark", "星火大模型", ("訊飛星火",), role="model"),)),
    Co("zhipu", "Zhipu AI", "智譜", "Large language models", "大型語言模型", "Beijing, China", "中國北京",
       ("Zhipu", "智譜AI"), private=True, weight=2,
       products=(P("glm", "model", "GLM", None, ("GLM",), role="model"),)),
    Co("moonshot", "Moonshot AI", "月之暗面", "Large language models", "大型語言模型", "Beijing, China",
       "中國北京", ("Moonshot",), private=True, weight=2,
       products=(P("kimi", "app", "Kimi", None, ("Kimi",), role="app"),)),
    Co("deepseek", "DeepSeek", "深度求索", "Large language models", "大型語言模型", "Hangzhou, China", "中國杭州",
       ("DeepSeek",), private=True, weight=3),
    Co("minimax", "MiniMax", "稀宇科技", "Large language models", "大型語言模型", "Shanghai, China", "中國上海",
       ("MiniMax",), private=True),
    Co("lenovo", "Lenovo", "聯想集團", "PCs and servers", "個人電腦與伺服器", "Beijing, China", "中國北京",
       ("Lenovo", "聯想"), tickers=(("0992", "HKEX"),)),
    Co("byd", "BYD", "比亞迪", "Electric vehicles and batteries", "電動車與電池", "Shenzhen, China", "中國深圳",
       ("BYD",), tickers=(("1211", "HKEX"), ("002594", "SZSE"))),
    Co("inspur", "Inspur Information", "浪潮資訊", "Servers", "伺服器", "Jinan, China", "中國濟南",
       ("Inspur", "浪潮"), tickers=(("000977", "SZSE"),)),
    Co("zte", "ZTE", "中興通訊", "Telecom equipment", "通訊設備", "Shenzhen, China", "中國深圳", ("ZTE", "中興"),
       tickers=(("0763", "HKEX"),)),
    Co("vnet", "VNET Group", "世紀互聯", "Data centers", "資料中心", "Beijing, China", "中國北京", ("VNET",),
       tickers=(("VNET", "NASDAQ"),)),
    Co("kingsoft-cloud", "Kingsoft Cloud", "金山雲", "Cloud computing", "雲端運算", "Beijing, China", "中國北京",
       ("Kingsoft Cloud",), tickers=(("KC", "NASDAQ"),)),
    Co("horizon-robotics", "Horizon Robotics", "地平線機器人", "Driving chips and software", "智慧駕駛晶片與軟體",
       "Beijing, China", "中國北京", ("Horizon Robotics", "地平線"), tickers=(("9660", "HKEX"),)),
    Co("unitree", "Unitree Robotics", "宇樹科技", "Robots", "機器人", "Hangzhou, China", "中國杭州",
       ("Unitree", "宇樹"), private=True),
    Co("microsoft", "Microsoft", "微軟", "Software and cloud", "軟體與雲端", "Redmond, USA", "美國雷德蒙德",
       ("Microsoft", "MSFT"), tickers=(("MSFT", "NASDAQ"),), chinese=False, weight=2),
    Co("google", "Alphabet (Google)", "谷歌", "Search, advertising and cloud", "搜尋、廣告與雲端",
       "Mountain View, USA", "美國山景城", ("Google", "Alphabet", "GOOGL"), tickers=(("GOOGL", "NASDAQ"),),
       chinese=False, weight=2),
    Co("amazon", "Amazon", "亞馬遜", "E-commerce and cloud", "電子商務與雲端", "Seattle, USA", "美國西雅圖",
       ("Amazon", "AMZN"), tickers=(("AMZN", "NASDAQ"),), chinese=False, weight=2),
    Co("meta", "Meta Platforms", "Meta平台", "Social media", "社群媒體", "Menlo Park, USA", "美國門洛帕克",
       ("Meta", "臉書"), tickers=(("META", "NASDAQ"),), chinese=False),
    Co("apple", "Apple", "蘋果公司", "Devices and services", "消費電子與服務", "Cupertino, USA", "美國庫比蒂諾",
       ("Apple", "AAPL", "蘋果"), tickers=(("AAPL", "NASDAQ"),), chinese=False, weight=2),
    Co("oracle", "Oracle", "甲骨文", "Databases and cloud", "資料庫與雲端", "Austin, USA", "美國奧斯汀",
       ("Oracle", "ORCL"), tickers=(("ORCL", "NYSE"),), chinese=False),
)

COMPANY = {c.id: c for c in COMPANIES}
PRODUCTS = {p.id: (p, c) for c in COMPANIES for p in c.products}


@dataclass(frozen=True)
class Ent:
    id: str
    type: str
    en: str
    zh: str
    aliases: tuple[str, ...] = ()
    one_en: str = ""
    one_zh: str = ""


ENTITIES: tuple[Ent, ...] = (
    Ent("china-ai-chip-market", "market", "China AI-chip market", "中國AI晶片市場"),
    Ent("domestic-ai-chip-vendors", "group", "Chinese AI-chip vendors", "本土AI晶片廠商", ("本土廠商",),
        "Chinese designers of AI accelerators, taken together.", "本土AI加速晶片設計公司的合稱。"),
    Ent("china-csps", "group", "China's largest cloud providers", "中國主要雲服務商", (),
        "The largest Chinese cloud providers, taken together.", "中國規模最大的幾家雲服務商的合稱。"),
    Ent("us-csps", "group", "US hyperscale cloud providers", "美國大型雲服務商"),
    Ent("global-ai-enablers", "group", "Global AI infrastructure builders", "全球AI基礎設施企業"),
    Ent("hang-seng-index", "index", "Hang Seng Index", "恆生指數", ("HSI", "恒指")),
    Ent("hang-seng-tech-index", "index", "Hang Seng TECH Index", "恆生科技指數", ("HSTECH",)),
    Ent("csi-300", "index", "CSI 300 Index", "滬深300指數", ("CSI 300", "滬深300")),
    Ent("nasdaq-composite", "index", "Nasdaq Composite", "那斯達克綜合指數", ("Nasdaq",)),
    Ent("sp-500", "index", "S&P 500", "標普500指數", ("標普500", "SPX")),
    Ent("kweb", "fund", "China internet ETF (KWEB)", "中國網際網路ETF", ("KWEB",)),
    Ent("spot-gold", "commodity", "Spot gold", "現貨黃金", ("金價",)),
    Ent("us-commerce-bis", "government", "US Commerce Department (BIS)", "美國商務部工業與安全局", ("BIS",)),
    Ent("china-miit", "government", "China's Ministry of Industry and IT", "中國工業和資訊化部", ("工信部",)),
)

ENTITY = {e.id: e for e in ENTITIES}
INDEXES = ("hang-seng-index", "hang-seng-tech-index", "csi-300", "nasdaq-composite", "sp-500")


@dataclass(frozen=True)
class Term:
    id: str
    en: str
    zh: str
    def_en: str
    def_zh: str
    aliases: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()


TERMS: tuple[Term, ...] = (
    Term("capex", "Capital expenditure (capex)", "資本開支", "Spending on long-lived assets such as data centers.",
         "用於資料中心等長期資產的支出。", ("capex", "資本支出"), ("data-center",)),
    Term("large-model", "Large model", "大模型", "A neural network trained on very large amounts of data.",
         "以海量資料訓練的大型神經網路。", ("LLM", "大型語言模型"), ("inference", "training")),
    Term("inference", "Inference", "推理", "Running a trained model to answer requests.", "以訓練好的模型回應請求。",
         (), ("training",)),
    Term("training", "Training", "訓練", "Fitting a model's weights to data.", "以資料調整模型權重的過程。"),
    Term("compute", "Compute", "算力", "The processing capacity available for AI work.", "可用於AI運算的處理能力。",
         ("運算力",)),
    Term("open-source", "Open source", "開源", "Releasing a model or code for anyone to use and change.",
         "公開模型或程式碼，供任何人使用與修改。", ("開放原始碼",)),
    Term("export-controls", "Export controls", "出口管制", "Government limits on selling technology abroad.",
         "政府對技術出口的限制。", ("出口限制",)),
    Term("cloud", "Cloud computing", "雲端運算", "Computing rented over the network.", "透過網路租用的運算資源。",
         ("雲計算",)),
    Term("ai-agent", "AI agent", "智能體", "Software that plans and takes actions with a model.",
         "以模型規劃並執行動作的軟體。", ("AI Agent", "代理")),
    Term("multimodal", "Multimodal", "多模態", "Handling text, images, audio or video together.",
         "能同時處理文字、影像、聲音或影片。"),
    Term("data-center", "Data center", "資料中心", "A building that houses servers and networking.",
         "容納伺服器與網路設備的設施。", ("數據中心",)),
    Term("market-share", "Market share", "市佔率", "A company's portion of a market's sales.",
         "公司銷售額佔市場的比例。", ("市場份額",)),
    Term("moat", "Moat", "護城河", "A durable advantage that keeps competitors out.", "讓競爭者難以追趕的持久優勢。"),
    Term("ecosystem", "Ecosystem", "生態系", "Products and partners that reinforce each other.",
         "彼此強化的產品與合作夥伴。", ("生態閉環",)),
    Term("domestic-substitution", "Domestic substitution", "國產替代", "Replacing imported parts with Chinese ones.",
         "以國產零組件取代進口產品。", ("國產化",)),
    Term("on-device-ai", "On-device AI", "端側AI", "Running models on the phone or PC rather than the cloud.",
         "在手機或電腦上而非雲端執行模型。"),
    Term("embodied-ai", "Embodied AI", "具身智能", "AI that acts in the physical world through robots.",
         "透過機器人在實體世界行動的AI。"),
    Term("foundry", "Foundry", "晶圓代工", "Making chips designed by other companies.", "為其他公司製造其設計的晶片。"),
    Term("hbm", "High-bandwidth memory (HBM)", "高頻寬記憶體", "Stacked memory that feeds AI accelerators.",
         "為AI加速晶片供應資料的堆疊式記憶體。", ("HBM",)),
    Term("cluster", "Cluster", "叢集", "Many accelerators linked to work as one.", "多顆加速晶片連接成一體運作。",
         ("集群",)),
    Term("token", "Token", "詞元", "The unit of text a model reads and writes.", "模型讀寫文字的基本單位。",
         ("Token",)),
    Term("monetization", "Monetization", "商業化", "Turning a product's use into revenue.", "把產品的使用轉化為營收。",
         ("變現",)),
    Term("valuation", "Valuation", "估值", "What investors think a company is worth.", "投資人對公司價值的判斷。"),
    Term("going-global", "Going global", "出海", "Chinese companies expanding abroad.", "中國企業拓展海外市場。"),
)


@dataclass(frozen=True)
class TagDef:
    id: str
    en: str
    zh: str
    aliases: tuple[str, ...] = ()


TAGS: tuple[TagDef, ...] = (
    TagDef("ai-chips", "AI chips", "AI晶片", ("晶片",)),
    TagDef("cloud", "Cloud", "雲端", ("雲",)),
    TagDef("capex", "Capex", "資本開支"),
    TagDef("open-source", "Open source", "開源"),
    TagDef("models", "Large models", "大模型"),
    TagDef("markets", "Markets", "市場", ("股市",)),
    TagDef("export-controls", "Export controls", "出口管制"),
    TagDef("ecommerce", "E-commerce", "電商"),
    TagDef("smartphones", "Smartphones", "手機"),
    TagDef("autonomous-driving", "Autonomous driving", "自動駕駛"),
    TagDef("robotics", "Robotics", "機器人"),
    TagDef("earnings", "Earnings", "財報"),
    TagDef("policy", "Policy", "政策"),
    TagDef("semiconductors", "Semiconductors", "半導體"),
    TagDef("data-centers", "Data centers", "資料中心"),
    TagDef("apps", "Apps", "應用"),
    TagDef("advertising", "Advertising", "廣告"),
    TagDef("gaming", "Games", "遊戲"),
    TagDef("going-global", "Going global", "出海"),
    TagDef("agents", "AI agents", "智能體"),
)


@dataclass(frozen=True)
class OutletDef:
    id: str
    en: str
    zh: str
    one_en: str
    one_zh: str


OUTLETS: tuple[OutletDef, ...] = (
    OutletDef("caixin", "Caixin", "財新", "A business and finance weekly.", "財經新聞週刊。"),
    OutletDef("yicai", "Yicai", "第一財經", "A financial news group.", "財經新聞集團。"),
    OutletDef("jiemian", "Jiemian", "界面新聞", "A business news site.", "商業新聞網站。"),
    OutletDef("wallstreetcn", "Wall Street CN", "華爾街見聞", "A markets news service.", "市場資訊服務。"),
    OutletDef("zhidx", "Zhidongxi", "智東西", "A technology news site.", "科技新聞網站。"),
    OutletDef("tmtpost", "TMTPost", "鈦媒體", "A technology and media site.", "科技與媒體網站。"),
    OutletDef("latepost", "LatePost", "晚點", "A business reporting outlet.", "商業報導媒體。"),
    OutletDef("eeo", "Economic Observer", "經濟觀察報", "A business weekly.", "商業週報。"),
    OutletDef("stcn", "Securities Times", "證券時報", "A securities daily.", "證券日報。"),
    OutletDef("leiphone", "Leiphone", "雷鋒網", "An AI and hardware site.", "AI與硬體網站。"),
    OutletDef("huxiu", "Huxiu", "虎嗅", "A business commentary site.", "商業評論網站。"),
    OutletDef("geekpark", "GeekPark", "極客公園", "A technology community.", "科技社群。"),
    OutletDef("sina-tech", "Sina Tech", "新浪科技", "A technology news channel.", "科技新聞頻道。"),
    OutletDef("cls", "Cailian Press", "財聯社", "A financial wire.", "財經通訊社。"),
)


@dataclass(frozen=True)
class MetricDef:
    id: str
    en: str
    zh: str


METRICS: tuple[MetricDef, ...] = (
    MetricDef("revenue", "Revenue", "營收"),
    MetricDef("revenue-growth", "Revenue growth", "營收增速"),
    MetricDef("gross-margin", "Gross margin", "毛利率"),
    MetricDef("rd-spending", "R&D spending", "研發投入"),
    MetricDef("capex", "Capital expenditure", "資本開支"),
    MetricDef("capex-growth-qoq", "Capex growth, quarter on quarter", "資本開支環比增速"),
    MetricDef("ai-infrastructure-investment", "AI infrastructure investment", "AI基建投入"),
    MetricDef("ai-chip-market-share-china", "Share of China's AI-chip market", "中國AI晶片市場份額"),
    MetricDef("ai-chip-shipments-china", "AI-chip shipments in China", "中國AI晶片出貨量"),
    MetricDef("compute-vs-reference", "Compute relative to the reference chip", "算力相對參照晶片"),
    MetricDef("inference-cost-vs-reference", "Inference cost below the reference chip", "推理成本較參照晶片降幅"),
    MetricDef("cluster-scale", "Cluster scale", "叢集規模"),
    MetricDef("china-revenue", "Revenue from mainland China", "中國大陸收入"),
    MetricDef("china-revenue-share", "Mainland China share of revenue", "中國大陸收入佔比"),
    MetricDef("overseas-revenue-share", "Overseas revenue share", "海外收入佔比"),
    MetricDef("dau", "Daily active users", "日活躍使用者"),
    MetricDef("mau", "Monthly active users", "月活躍使用者"),
    MetricDef("daily-time-spent", "Daily time spent per user", "使用者日均使用時長"),
    MetricDef("price-change", "Price change", "漲跌幅"),
    MetricDef("index-level", "Index level", "指數點位"),
    MetricDef("fund-return", "Fund return", "基金回報率"),
    MetricDef("market-cap", "Market capitalization", "市值"),
    MetricDef("cloud-revenue-growth", "Cloud revenue growth", "雲業務增速"),
    MetricDef("market-share-china", "Share of the China market", "中國市場份額"),
    MetricDef("model-parameters", "Model size (parameters)", "模型參數規模"),
    MetricDef("model-downloads", "Model downloads (cumulative)", "模型累計下載量"),
    MetricDef("smartphone-shipments", "Smartphone shipments", "手機出貨量"),
)


@dataclass(frozen=True)
class DatasetDef:
    id: str
    order: int
    en: str
    zh: str
    desc_en: str
    desc_zh: str


# The dataset ids the chart families select by (see sinoreport.charts).
DATASETS: tuple[DatasetDef, ...] = (
    DatasetDef("ai-chip-share", 1, "AI-chip market share in China", "中國AI晶片市場份額",
               "NVIDIA against Chinese vendors in China's AI-chip market, with shipments.",
               "中國AI晶片市場中輝達與本土廠商的份額及出貨量。"),
    DatasetDef("capex", 2, "Capex and AI investment", "資本開支與AI投資",
               "Capital spending, its quarterly growth and AI investment plans.", "資本開支、環比增速與AI投資計畫。"),
    DatasetDef("chips", 3, "Domestic AI chips against NVIDIA references", "國產AI晶片與輝達參照產品",
               "Compute, inference cost and cluster scale of Chinese accelerators.",
               "國產加速晶片的算力、推理成本與叢集規模。"),
    DatasetDef("nvidia-china", 4, "NVIDIA in China", "輝達在中國",
               "NVIDIA's revenue from mainland China and its share of the total.", "輝達來自中國大陸的收入及佔比。"),
    DatasetDef("overseas-revenue", 5, "Overseas revenue share", "海外收入佔比",
               "How much of each company's revenue comes from abroad.", "各公司來自海外的收入佔比。"),
    DatasetDef("users", 6, "User scale", "使用者規模",
               "Daily and monthly active users and time spent.", "日活、月活與使用時長。"),
    DatasetDef("markets", 7, "Markets", "市場行情",
               "Share-price moves, index levels, fund returns and market values.",
               "股價漲跌、指數點位、基金回報與市值。"),
    DatasetDef("cloud", 8, "Cloud growth and share", "雲業務增長與份額",
               "Cloud revenue growth and AI-cloud market share.", "雲業務增速與AI雲市場份額。"),
)

CONVERSIONS: tuple[tuple[str, str, str], ...] = (
    ("指標", "指标", "tw2sp reads it as the programming term 指针"),
    ("透過", "通过", ""),
    ("雲端運算", "云计算", ""),
    ("智慧型手機", "智能手机", ""),
    ("營運", "运营", ""),
    ("本益比", "市盈率", ""),
)


@dataclass(frozen=True)
class Person:
    en: str
    zh: str
    role_en: str
    role_zh: str


PEOPLE: tuple[Person, ...] = (
    Person("Lin Zhiyuan", "林志遠", "an analyst at a Hong Kong brokerage", "香港一家券商的分析師"),
    Person("Chen Yaqi", "陳雅琪", "a semiconductor analyst", "半導體分析師"),
    Person("Zhou Hanwen", "周翰文", "a fund manager in Shanghai", "上海一位基金經理"),
    Person("Wu Peiling", "吳佩玲", "a cloud-industry consultant", "雲端產業顧問"),
    Person("Huang Jianhong", "黃建宏", "a portfolio manager", "投資組合經理"),
    Person("Xu Mingze", "許明澤", "a technology strategist", "科技策略師"),
    Person("Zhang Yuting", "張雨婷", "a researcher at an industry institute", "產業研究院研究員"),
    Person("Liu Guanyu", "劉冠宇", "a product lead", "產品負責人"),
    Person("Guo Shuhua", "郭淑華", "an economist", "經濟學家"),
    Person("Cai Wenbin", "蔡文彬", "a venture investor", "創投投資人"),
    Person("Yang Siqi", "楊思齊", "a supply-chain analyst", "供應鏈分析師"),
    Person("He Junjie", "何俊傑", "a former engineer", "前工程師"),
)

# --------------------------------------------------------------------------- phrases

# Topics decide tags, which figure templates an article prefers, and how headlines read.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "chips": {"tags": ("ai-chips", "semiconductors", "export-controls"),
              "figs": ("chip_share", "chip_ship", "chip_compute", "chip_cost", "cluster", "china_rev", "china_share")},
    "cloud": {"tags": ("cloud", "capex", "data-centers"),
              "figs": ("capex", "capex_qoq", "ai_invest", "group_capex", "cloud_growth", "cloud_share")},
    "models": {"tags": ("models", "open-source", "agents"),
               "figs": ("params", "downloads", "dau", "mau", "time_spent")},
    "markets": {"tags": ("markets",),
                "figs": ("price_move", "price_move", "index_level", "fund_return", "market_cap")},
    "earnings": {"tags": ("earnings",),
                 "figs": ("revenue", "revenue_growth", "gross_margin", "rd", "overseas", "capex")},
    "apps": {"tags": ("apps", "advertising", "ecommerce", "gaming"),
             "figs": ("dau", "mau", "time_spent", "revenue_growth", "overseas")},
    "devices": {"tags": ("smartphones", "autonomous-driving", "robotics"),
                "figs": ("phones", "revenue", "revenue_growth", "rd")},
    "global": {"tags": ("going-global", "policy"),
               "figs": ("overseas", "revenue_growth", "price_move", "china_rev")},
}

# Filler sentences for raw article bodies. {A} {B}: company names, {T}: a term, {X}: a product,
# {M}: a month (1–12), {E}: an entity or market. No digits except {M}.
BODY = (
    "{A}近日對外表示，未來將把更多資源投入{T}相關業務",
    "業內人士認為，{A}與{B}在{T}領域的競爭正在加劇",
    "{M}月以來，市場對{A}的關注明顯升溫，多家機構上調了評級",
    "{A}相關負責人透露，{X}的新版本將在今年內推出",
    "從產業鏈角度看，{T}的需求仍在快速增長，上游供應偏緊",
    "分析人士指出，{A}的優勢在於長期累積的技術與客戶基礎",
    "不過，也有觀點認為{A}的估值已經反映了大部分利多",
    "{B}則選擇了不同的路線，更強調{T}與自有生態的結合",
    "監管環境的變化，為{A}的海外擴張帶來了新的不確定性",
    "{A}在公告中提到，公司將持續優化成本結構，提升營運效率",
    "與去年同期相比，{A}的產品結構發生了明顯變化",
    "多位受訪者表示，{X}在企業客戶中的滲透率仍有提升空間",
    "{M}月下旬，{A}宣布與{B}達成合作，共同推進{T}落地",
    "市場普遍預期，{T}將成為下一階段成長的主要動力",
    "{A}的管理層在電話會議上回應了投資人關於{T}的提問",
    "有券商在研究報告中指出，{A}的自由現金流足以支撐其投入",
    "在{E}方面，近期的政策訊號相對積極",
    "與此同時，{B}在人才招募上的動作也引起外界注意",
    "{X}上線之後，用戶回饋整體正面，但仍有改進空間",
    "一位接近{A}的人士表示，公司內部對{T}的投入沒有放緩",
    "業界普遍認為，{T}的門檻正在降低，中小企業也開始跟進",
    "{A}並未回應外界關於裁員的傳聞",
    "從估值角度看，{A}目前的本益比仍低於海外同業",
    "{B}此前也曾嘗試類似策略，但效果並不理想",
    "外界關注的焦點在於，{A}能否把{T}轉化為可持續的營收",
    "{A}表示，將在{M}月公布更完整的技術路線圖",
    "部分投資人擔心，激烈的價格競爭會壓縮整個產業的利潤",
    "在{E}，{A}的份額近年來持續提升",
    "研究機構的調查顯示，企業客戶最在意的仍是成本與穩定性",
    "{A}強調，資料安全與合規是公司發展的底線",
    "{X}的推出被視為{A}在{T}領域的重要一步",
    "短期來看，供應鏈的瓶頸仍可能限制{A}的擴張速度",
    "長期而言，{T}的普及將改變整個產業的競爭格局",
    "{B}的高層在公開場合表示，對{T}的前景保持樂觀",
    "多家媒體報導稱，{A}正在評估新的融資方案",
    "這一變化也反映出資本市場對{T}的態度正在轉變",
)

QUOTE_LEADS = ("{P}表示：", "{P}在受訪時指出：", "{P}認為：", "{P}在研究報告中寫道：")
QUOTES = (
    ("真正的競爭才剛開始，現在下結論還太早", "The real contest has only just begun; it is too early to call it"),
    ("成本優勢不會永遠存在，技術才是關鍵", "A cost edge does not last forever; technology is what matters"),
    ("客戶要的是穩定可靠，而不是最新的功能", "Customers want stability, not the newest features"),
    ("生態一旦形成，後來者很難追上", "Once an ecosystem forms, latecomers struggle to catch up"),
    ("市場低估了這家公司在海外的潛力", "The market underestimates the company's potential abroad"),
    ("價格戰最終會讓整個產業受傷", "A price war will hurt the whole industry in the end"),
    ("算力不足仍是最大的瓶頸", "A shortage of compute is still the biggest bottleneck"),
    ("開源讓更多企業有機會參與競爭", "Open source lets more companies compete"),
    ("投資人需要更多耐心", "Investors need more patience"),
    ("這是一場馬拉松，不是短跑", "This is a marathon, not a sprint"),
)

SUMMARY_ZH = (
    "本文聚焦{A}在{T}方面的最新進展，並將其與{B}的做法相比較。",
    "文章指出，{A}正把更多資源投向{T}，但商業化的節奏仍不明朗。",
    "作者認為，{A}的長期優勢來自技術累積與客戶基礎，而非單一產品。",
    "與此同時，{B}在同一領域的布局也在加快，兩者的競爭值得持續觀察。",
    "文中也提到，監管與供應鏈的變化可能影響{A}的擴張速度。",
    "對投資人而言，關鍵在於{A}能否把投入轉化為穩定的營收與現金流。",
    "我們的看法是，這篇報導提供了理解{T}產業格局的一個有用切面。",
    "報導引用多位業內人士的觀點，描繪出產業上下游的真實處境。",
    "整體而言，市場對{A}的預期偏向樂觀，但分歧仍然存在。",
    "文章最後提醒，價格競爭與人才爭奪都可能壓縮利潤空間。",
    "從更長的時間尺度看，{T}仍處於早期階段，勝負尚未分明。",
    "作者也對{B}的策略提出疑問，認為其生態整合仍待驗證。",
)

SUMMARY_EN = (
    "The piece follows {A}'s latest moves in {T} and sets them against the approach taken by {B}.",
    "It argues that {A} is putting more resources into {T}, while the path to revenue remains unclear.",
    "In the author's view, {A}'s lasting advantage comes from accumulated technology and a broad customer "
    "base rather than from any single product.",
    "At the same time, {B} is moving faster in the same field, and the contest between the two deserves "
    "close attention over the coming quarters.",
    "The article also notes that changes in regulation and in the supply chain could slow {A}'s expansion.",
    "For investors, the question is whether {A} can turn this spending into steady revenue and cash flow.",
    "We read the report as a useful window on how the {T} industry is being shaped.",
    "Several people in the industry are quoted, and together they give a realistic picture of conditions "
    "up and down the supply chain.",
    "Overall, expectations for {A} lean optimistic, although opinions still differ on timing.",
    "The article closes with a warning that price competition and the race for talent could squeeze margins.",
    "Over a longer horizon, {T} is still at an early stage and no winner is yet clear.",
    "The author also questions {B}'s strategy, arguing that its ecosystem has yet to prove itself.",
)

ANALYSIS_EN = (
    "The numbers here matter less than the direction: {A} is committing to {T} for the long haul, and "
    "that commitment raises the bar for {B}.",
    "What the report leaves open is how quickly this spending turns into revenue; we would watch the next "
    "two quarters of disclosures before drawing conclusions.",
    "Readers should treat the forecasts quoted here as one side's view; the article gives little on the "
    "assumptions behind them.",
)
ANALYSIS_ZH = (
    "這些數字本身的意義，不如它們指向的方向重要：{A}正在長期押注{T}，這也抬高了{B}的門檻。",
    "報導沒有回答的是，這些投入多快能轉化為營收；我們會先觀察接下來兩季的揭露，再下判斷。",
    "文中引用的預測只代表一方觀點，報導對其背後假設著墨不多，讀者宜審慎看待。",
)

TITLE_ZH = ("{F}", "{T}觀察：{F}", "{F}，市場聚焦{T}", "{F}，{B}動向受關注")
TITLE_EN = ("{F}", "{T} watch: {F}", "{F} as focus turns to {T}", "{F}; eyes on {B}")
