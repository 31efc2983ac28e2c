/**
 * Chinese descriptions of the CV functions and their parameters, for Excel's
 * formula tooltips and Insert Function dialog in a zh-CN Office. The build
 * writes them into functions-zh.json (same ids, names and parameters as
 * functions.json, only the descriptions differ), which the manifest gives
 * zh-CN through an Override of the metadata URL (Microsoft, "Localize custom
 * functions"). Names stay as they are: the formulas and the messages name
 * functions and arguments the same in every language (see messages.ts).
 * A test checks that every function and parameter of functions.json has its
 * description here, and nothing else is here.
 */
export interface LocalDescriptions {
  description: string;
  parameters: Readonly<Record<string, string>>;
}

const LANG_NAMES = '名称语言：省略则为稳定代码（英文名称，所有读者看到的都一样）；"zh"（或 "zh-CN"）为中文，"en" 为英文。';

export const ZH_DESCRIPTIONS: Readonly<Record<string, LocalDescriptions>> = {
  CLV: {
    description:
      '客户终身价值：按每期固定毛利、留存率和折现率计算，无限期为 m·r/(1+d−r)，或按给定期数求和；再减去获客成本。每个参数都可以是区域，结果按其形状溢出。',
    parameters: {
      margin: '客户每期带来的毛利（利润）。',
      retention: '每期留存率，0 到 1（0.8 表示 80 % 留下）。',
      discount: '每期折现率（0.1 表示 10 %），须大于 -1。',
      periods: '期数（整数）；留空为无限期。',
      acquisition_cost: '一次性扣除的获客成本；留空为 0。',
      timing: '第一笔毛利何时到来："next"（第 1 期末，默认，或 0）或 "now"（第 0 期，或 1）。',
    },
  },
  CVTIER: {
    description:
      '客户价值分层：按客户价值在全部客户中的位置分为 VIP、主要、普通或小客户。方法：contribution（价值 ÷ 平均价值，分界点 4、2、1，同经典分层表）、pareto（累计价值占比 0.5、0.8、0.95）、quantile（客户数前 0.05、0.2、0.5）、fixed（VIP、主要、普通客户的最低价值）。不在 all_values 中的价值按多一位客户排名。',
    parameters: {
      value: '客户的价值（销售额、利润或 CLV），或一组价值的区域：结果溢出。',
      all_values: '全部客户的价值，即排名所依据的总体；空白和文本被跳过，错误值给出错误及其行号。',
      method: '"contribution"（默认）、"pareto"、"quantile" 或 "fixed"（别名 "threshold"）。',
      cut_points: '该方法的三个数字，从最高层开始（如 contribution 为 4、2、1；fixed 为 100000、50000、25000）。',
      lang: LANG_NAMES,
    },
  },
  RFM: {
    description:
      '每位客户的 RFM 得分 1 到 5（五分位）：R 来自最近一次购买距今时间（最近为 5），F 来自购买频次，M 来自消费金额。三个区域每格一位客户、逐行对齐；有空白或非数字单元格的行得到空白，不参与排名。每位客户溢出一行。',
    parameters: {
      recency: '每位客户最后一次购买距今的时间（天、周…）：越小越好。',
      frequency: '每位客户的购买次数。',
      monetary: '每位客户的消费金额（销售额或利润）。',
      format: '"scores"（默认：R、F、M 三列）或 "cell"（一列文本，如 "545"）。',
    },
  },
  RFMSEGMENT: {
    description: 'RFM 细分名称（冠军客户、忠诚客户、流失风险、沉睡客户…），由 1 到 5 的 R、F、M 得分，或单独给出的三位代码（如 545）得出。区域会溢出。',
    parameters: {
      r: 'R 得分 1 到 5；省略 f 和 m 时为三位 RFM 代码（"545"）。',
      f: 'F 得分 1 到 5。',
      m: 'M 得分 1 到 5。',
      lang: LANG_NAMES,
    },
  },
  VALUEMATRIX: {
    description:
      '客户价值矩阵象限：金（当前价值高、未来价值高）、铂（当前高、未来低）、铁（当前低、未来高）或铅（低、低）。"高"指高于分界值；分界值为区域时取其中位数。给出当前与未来价值区域而不给分界值时，各取本区域的中位数。',
    parameters: {
      current: '客户的当前价值（迄今利润），或其区域：结果溢出。',
      future: '未来价值（如 CLV 或预期利润），与 current 对齐。',
      current_split: '当前价值高低的分界：一个数字，或取其中位数的区域；默认为 current 的中位数。',
      future_split: '未来价值高低的分界：一个数字，或取其中位数的区域；默认为 future 的中位数。',
      lang: LANG_NAMES,
    },
  },
  STAGE: {
    description:
      '客户关系生命周期阶段：流失风险不低于 0.7 为衰退期；90 天内仅一次购买为考察期；首购不满 365 天的重复客户，或每次消费仍增长 10 % 以上者为形成期；其余为稳定期。区域会溢出。',
    parameters: {
      purchase_days: '客户有购买的不同天数。',
      age_days: '首次购买到截止日期的天数。',
      churn_risk: '流失风险，0 到 1（CV.CHURNRISK，或 1 - CV.PALIVE）。',
      value_trend: '每次消费的相对变化（0.2 表示 +20 %）；未知则留空。',
      lang: LANG_NAMES,
    },
  },
  CHURNRISK: {
    description:
      '流失风险 0 到 1，依据客户逾期的程度：间隔 = recency ÷ frequency（客户平均购买间隔；一次性购买者用典型间隔），o = since_last ÷ 间隔，风险 = o²/(1+o²)：刚购买后为 0，一个间隔后为 0.5，两个间隔后为 0.8。给出区域（每行一位客户）则使用总体的典型间隔。所有时间须同一单位。',
    parameters: {
      frequency: '重复购买次数（购买天数 - 1）。',
      recency: '首次到最后一次购买的时间。',
      since_last: '最后一次购买到截止日期的时间。',
      age: '首次购买到截止日期的时间（T）。',
      typical_gap: '一次性购买者的典型购买间隔；默认取所给客户间隔的中位数。',
      as_level: 'TRUE 则返回等级（低、中、高）而非数值。',
      lang: '等级的语言：省略则为稳定代码（Low、Medium、High，所有读者看到的都一样）；"zh"（或 "zh-CN"）为中文，"en" 为英文。',
    },
  },
  BGNBD: {
    description:
      '用最大似然法拟合 BG/NBD 模型（Fader、Hardie 和 Lee，2005），输入每位客户的重复购买次数 x、首末购买间隔 t_x 和客户年龄 T，溢出带标签的参数：r、alpha、a、b、对数似然、客户数、是否收敛。把结果作为 CV.PALIVE、CV.EXPPURCHASES 和 CV.PCLV 的 model。有空白或文本单元格的行被跳过；至少 10 位客户，其中 5 位有重复购买。',
    parameters: {
      x: '每位客户的重复购买次数（购买天数 - 1），每行一位客户。',
      t_x: '每位客户首次到最后一次购买的时间（周、天…）。',
      T: '每位客户首次购买到观察期末的时间，单位相同。',
      lang: '标签语言：省略则为稳定代码（r、alpha、a、b、log-likelihood、customers、converged，所有读者看到的都一样）；"zh" 则后三项为中文。',
    },
  },
  PALIVE: {
    description: 'BG/NBD 模型下客户仍然活跃（"存活"）的概率，由客户的重复购买次数 x、首末购买间隔 t_x 和客户年龄 T 得出。区域会溢出。流失风险 = 1 - P(存活)。',
    parameters: {
      x: '客户的重复购买次数（或多位客户的区域）。',
      t_x: '客户首次到最后一次购买的时间。',
      T: '客户首次购买到截止日期的时间。',
      model: 'CV.BGNBD 的结果、r、alpha、a、b 四个数字，或全部客户的 x、t_x、T 三列（拟合一次并缓存）。',
    },
  },
  EXPPURCHASES: {
    description: 'BG/NBD 模型下，给定客户历史（x、t_x、T），客户在未来 t 期内的预期购买次数。区域会溢出。',
    parameters: {
      t: '未来期间的长度，单位同 t_x 和 T。',
      x: '客户的重复购买次数（或多位客户的区域）。',
      t_x: '客户首次到最后一次购买的时间。',
      T: '客户首次购买到截止日期的时间。',
      model: 'CV.BGNBD 的结果、r、alpha、a、b 四个数字，或全部客户的 x、t_x、T 三列。',
    },
  },
  PCLV: {
    description: '基于模型的终身价值：期限内 BG/NBD 预期购买次数 × 每次消费 × 毛利率，按年折现率逐月折现。区域会溢出。',
    parameters: {
      x: '客户的重复购买次数（或多位客户的区域）。',
      t_x: '客户首次到最后一次购买的时间，单位同模型。',
      T: '客户首次购买到截止日期的时间，单位同模型。',
      spend: '每次购买的预期消费（如客户平均值，或 Gamma-Gamma 估计）。',
      model: 'CV.BGNBD 的结果、r、alpha、a、b 四个数字，或全部客户的 x、t_x、T 三列。',
      horizon_days: '期限天数；默认 365。',
      margin: '消费中利润的比例，0 到 1；默认 1（按销售额计价值）。',
      annual_discount: '年折现率；默认 0.1。',
      unit: 't_x 和 T 的单位："week"（默认）、"day" 或 "month"。',
    },
  },
  SEGMENT: {
    description:
      '由交易明细对客户分层，溢出带标题行的客户表，价值最高者在前：固定 30 列（客户、首末购买日期、购买次数、最近购买、销售额、价值、终身价值、P(存活)、流失风险、RFM、分层、价值矩阵、生命周期阶段，最后是给客户评分的模型），不适用处留空。最后一个标题单元格写明模型，以及退回经验法时的原因。编号、日期或金额无法读取的行被略去；区域中的错误值给出错误及其行号。',
    parameters: {
      ids: '每笔交易的客户编号，每行一笔（顶部可有标题单元格）。',
      dates: '每笔交易的日期（日期单元格或 2024-03-05 这样的文本）。',
      amounts: '每笔交易的金额（退货为负）。',
      as_of: '截止日期；默认为数据中最晚的日期。',
      unit: '最近购买和客户年龄的时间单位："week"（默认）、"day" 或 "month"。',
      margin_rate: '毛利率 0 到 1：价值改为利润而非销售额。',
      tier_method: '"contribution"（默认）、"pareto"、"quantile" 或 "fixed"。',
      cut_points: '分层方法的三个数字，从最高层开始。',
      model: '"auto"（默认：最能预测这些客户自身后续购买的模型）、"bgnbd"、"mbgnbd"、"pnbd" 或 "none"（自身频率经验法）。无法拟合模型时改用经验法并注明。',
      lang: '标题和名称的语言：省略则为稳定代码（英文，所有读者看到的都一样）；"zh"（或 "zh-CN"）为中文。',
    },
  },
};
