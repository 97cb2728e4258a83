"""Building blocks for synthetic commentary text (our own wording): a title,
a standfirst and paragraphs assembled deterministically from a seed."""

import random

PLACES = [
    "青岚市",
    "岚江区",
    "北坡镇",
    "东湖街道",
    "南山社区",
    "河谷县",
    "新城片区",
    "老城区",
    "滨河新区",
    "牧场乡",
    "高原镇",
    "西关街道",
    "临江村",
    "石桥社区",
    "云岭县",
    "城北园区",
]
SUBJECTS = [
    "政务服务中心",
    "社区卫生站",
    "公交集团",
    "供暖公司",
    "街道办事处",
    "市场监管部门",
    "税务窗口",
    "12345热线",
    "政务APP",
    "养老服务站",
    "图书馆",
    "农贸市场",
    "物业公司",
    "乡镇便民中心",
    "医保经办处",
    "5G基站建设专班",
    "文旅部门",
    "城管执法队",
]
ISSUES = [
    "排队时间过长",
    "办事材料反复提交",
    "回复口径不一",
    "线上线下标准不同",
    "老年人不会操作",
    "投诉无人跟进",
    "服务时间与群众作息错位",
    "收费标准不透明",
    "信息公开不及时",
    "满意度评价流于形式",
    "窗口工作人员态度生硬",
    "同一问题多头管理",
    "夜间服务缺位",
]
ACTIONS = [
    "推行一次告知、一表申请",
    "把意见箱搬到网上",
    "设立专门的吐槽窗口",
    "开展满意度回访",
    "公开办理进度",
    "建立问题清单逐项销号",
    "延长周末服务时间",
    "为老年人保留人工通道",
    "组织干部下沉一线蹲点",
    "邀请群众代表参与评议",
    "压缩审批环节",
    "推动数据多跑路",
    "简化报税流程",
    "优化公交线路",
    "规范物业收费",
    "整合重复建设的政务APP",
]
VALUES = [
    "群众满意是检验工作成效的标尺",
    "服务好不好，群众说了算",
    "小切口里有大民生",
    "把好事办实、把实事办好",
    "问需于民才能问计于民",
    "基层减负是为了更好地服务",
    "制度的温度体现在细节里",
    "便民不能只停留在口号上",
    "数字化要照顾每一个人",
]
CONNECTORS = [
    "与此同时，",
    "更重要的是，",
    "说到底，",
    "换个角度看，",
    "从长远看，",
    "不可否认，",
]
TITLE_PATTERNS = [
    "{subject}{action}，{value}",
    "从“{issue}”看{subject}的改进空间",
    "{place}{subject}：{action}之后",
    "别让“{issue}”消磨群众的耐心",
    "{action}，{place}做对了什么",
]
STANDFIRST_PATTERNS = [
    "{place}{subject}近来{action}，回应了群众反映的“{issue}”问题。",
    "面对“{issue}”的抱怨，{subject}选择{action}，效果值得期待。",
]
SENTENCE_PATTERNS = [
    "{place}的{subject}曾被反映{issue}，如今{action}，办事群众的感受明显不同。",
    "{connector}{value}，{subject}要把群众的每一条意见当回事。",
    "不少居民在12345热线留言，说{subject}存在{issue}的情况。",
    "{connector}{action}不是做给人看的，关键在于持续用力、久久为功。",
    "据了解，{place}今年已有上百件类似诉求得到办理，满意度逐月提升。",
    "{subject}若只追求数字好看，{issue}就会反复出现。",
    "有基层干部坦言，{action}需要多个部门协同，不能各管一段。",
    "{connector}让数据多跑路、让群众少跑腿，才是服务应有的样子。",
]


def pick(rng: random.Random, items: list[str]) -> str:
    return items[rng.randrange(len(items))]


def fill(rng: random.Random, pattern: str) -> str:
    return pattern.format(
        place=pick(rng, PLACES),
        subject=pick(rng, SUBJECTS),
        issue=pick(rng, ISSUES),
        action=pick(rng, ACTIONS),
        value=pick(rng, VALUES),
        connector=pick(rng, CONNECTORS),
    )


def title(rng: random.Random) -> str:
    return fill(rng, pick(rng, TITLE_PATTERNS))[:60]


def standfirst(rng: random.Random) -> str:
    return fill(rng, pick(rng, STANDFIRST_PATTERNS))


def paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(fill(rng, pick(rng, SENTENCE_PATTERNS)) for _ in range(sentences))


def thesis(rng: random.Random) -> tuple[str, str]:
    return f"{pick(rng, ACTIONS)}，{pick(rng, VALUES)}。", paragraph(rng, 3)
