/**
 * What people call the fields of the forms and spreadsheets, so that a problem names the field as
 * its label and its column header do ("请填写活动名称", "邮箱：…"), never by its property name. A
 * field one class names differently is keyed `Class.field` (an event's title is its 活动名称).
 */

export interface FieldName {
  'zh-CN': string;
  /** Lower case, as it reads inside a sentence. */
  en: string;
}

const name = (zh: string, en: string): FieldName => ({ 'zh-CN': zh, en });

const NAMES: Record<string, FieldName> = {
  name: name('姓名', 'name'),
  email: name('邮箱', 'e-mail address'),
  mobile: name('手机号', 'mobile number'),
  organizationName: name('单位', 'organization'),
  sector: name('所属类别（界别）', 'sector'),
  role: name('角色', 'role'),
  locale: name('语言', 'language'),
  password: name('密码', 'password'),
  newPassword: name('新密码', 'new password'),
  currentPassword: name('当前密码', 'current password'),
  code: name('验证码', 'code'),
  creditCode: name('统一社会信用代码', 'unified social credit code'),
  contact: name('邮箱或手机号', 'e-mail address or mobile number'),
  title: name('名称', 'title'),
  'CreateEventDto.title': name('活动名称', 'event name'),
  copyDay: name('新活动日期', 'new date'),
  copyTime: name('新活动开始时间', 'new start time'),
  'UpdateEventDto.title': name('活动名称', 'event name'),
  'CreateResultDto.title': name('成果名称', 'result title'),
  'UpdateResultDto.title': name('成果名称', 'result title'),
  'CreateNeedDto.title': name('需求名称', 'need title'),
  'UpdateNeedDto.title': name('需求名称', 'need title'),
  summary: name('简介', 'summary'),
  description: name('详细介绍', 'description'),
  'CreateNeedDto.description': name('需求描述', 'description'),
  kind: name('类型', 'kind'),
  visibility: name('公开范围', 'visibility'),
  startsAt: name('开始时间', 'start time'),
  endsAt: name('结束时间', 'end time'),
  timeZone: name('时区', 'time zone'),
  capacity: name('名额', 'capacity'),
  venueAddress: name('地址', 'address'),
  venueRoom: name('会场', 'room'),
  streamUrl: name('直播地址', 'stream address'),
  registrationOpensAt: name('报名开始时间', 'registration opening time'),
  registrationClosesAt: name('报名截止时间', 'registration closing time'),
  seriesId: name('所属系列', 'series'),
  fields: name('领域', 'fields'),
  industryFields: name('行业领域', 'industry fields'),
  keywords: name('关键词', 'keywords'),
  readinessLevel: name('技术成熟度', 'readiness level'),
  cooperationModes: name('合作方式', 'cooperation modes'),
  askingPriceMinFen: name('价格下限（万元）', 'lowest asking price (10k yuan)'),
  askingPriceMaxFen: name('价格上限（万元）', 'highest asking price (10k yuan)'),
  institutionName: name('所属单位', 'institution'),
  team: name('团队成员', 'team'),
  patents: name('专利', 'patents'),
  region: name('地区', 'region'),
  published: name('是否发布', 'published'),
  enterpriseName: name('企业名称', 'enterprise'),
  budgetMinFen: name('预算下限（万元）', 'lowest budget (10k yuan)'),
  budgetMaxFen: name('预算上限（万元）', 'highest budget (10k yuan)'),
  deadline: name('截止日期', 'deadline'),
  confidentiality: name('保密级别', 'confidentiality'),
  reason: name('原因', 'reason'),
  amountFen: name('金额', 'amount'),
  acceptPrivacy: name('个人信息保护告知书', 'privacy notice'),
  frequency: name('发送周期', 'frequency'),
  recipients: name('收件邮箱', 'recipients’ e-mail addresses'),
  formats: name('附件格式', 'attached formats'),
  shareContactsWith: name('向协办单位提供联系方式', 'contacts shared with co-hosts'),
  shareMyContacts: name('向对方提供我的联系方式', 'my contacts shared with the other party'),
  shared: name('是否提供联系方式', 'whether the contacts are shared'),
};

/** A field whose name nobody wrote down: "this field", not its property name. */
const UNNAMED = name('此项', 'this field');

/** What people call `field` of `owner` (a DTO's class name), or "this field". */
export function fieldName(field: string, owner?: string): FieldName {
  const own = field.split('.').pop() ?? field;
  return (owner && NAMES[`${owner}.${own}`]) || NAMES[own] || UNNAMED;
}

/** Whether `field` has a name people know (else a spreadsheet names its column as written). */
export function isNamed(field: string): boolean {
  return NAMES[field.split('.').pop() ?? field] !== undefined;
}
