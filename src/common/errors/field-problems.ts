import { ValidationError } from 'class-validator';
import { FieldProblem } from 'src/common/errors/domain-error';
import { FieldName, fieldName } from 'src/common/errors/field-names';

/**
 * class-validator's findings in plain words, Chinese and English, the field named as people call it
 * (`field-names.ts`): an empty required field says "请填写活动名称 / Please fill in the event name",
 * never a validator's "必须是文本". `{0}` takes the first number of the validator's message.
 */
type Say = (label: FieldName) => { 'zh-CN': string; en: string };

const say =
  (zh: string, en: string): Say =>
  (label) => ({
    'zh-CN': zh.replace('{label}', label['zh-CN']),
    en: capitalized(en.replace('{label}', label.en)),
  });

/** What a field left empty says: a choice is chosen, anything else filled in. */
const CHOOSE = say('请选择{label}', 'please choose the {label}');
const FILL_IN = say('请填写{label}', 'please fill in the {label}');
const CHOSEN_RULES = ['isIn', 'isEnum', 'isUUID', 'isBoolean'];

const RULES: Record<string, Say> = {
  whitelistValidation: say('无法识别的栏目', 'this is not a field of the form'),
  isEmail: say('不是有效的邮箱地址', 'not a valid e-mail address (like name@example.com)'),
  isCnMobile: say(
    '不是有效的手机号码，请填写 11 位手机号，如 13800138000',
    'not a mainland mobile number: 11 digits starting 13–19, like 13800138000',
  ),
  isCreditCode: say('不是有效的统一社会信用代码', 'not a valid unified social credit code'),
  isIn: say('请从给出的选项中选择{label}', 'please choose the {label} from the options given'),
  isEnum: say('请从给出的选项中选择{label}', 'please choose the {label} from the options given'),
  isUUID: say('请从列表中选择{label}', 'please choose the {label} from the list'),
  isString: say('{label}请填写文字', 'please write the {label} as text'),
  isInt: say('{label}请填写整数', 'the {label} must be a whole number'),
  isNumber: say('{label}请填写数字', 'the {label} must be a number'),
  isBoolean: say('请选择是或否', 'please choose yes or no'),
  isDate: say(
    '请填写有效的{label}，如 2027-05-18 09:00',
    'please give the {label} as a date and time',
  ),
  isISO8601: say('请填写有效的{label}，如 2027-05-18', 'please give the {label} as a date'),
  isDateString: say('请填写有效的{label}，如 2027-05-18', 'please give the {label} as a date'),
  isUrl: say('不是有效的网址，请以 https:// 开头', 'not a web address: start it with https://'),
  matches: say('{label}的格式不对', 'the {label} is not written the expected way'),
  maxLength: say('{label}不能超过 {0} 个字符', 'the {label} can have at most {0} characters'),
  minLength: say('至少 {0} 个字符', 'at least {0} characters, please'),
  min: say('{label}不能小于 {0}', 'the {label} cannot be less than {0}'),
  max: say('{label}不能大于 {0}', 'the {label} cannot be more than {0}'),
  arrayMaxSize: say('{label}最多 {0} 项', 'at most {0} {label}'),
  arrayMinSize: say('请至少填写 {0} 项{label}', 'please give at least {0} {label}'),
  arrayUnique: say('{label}有重复项', 'the {label} repeat themselves'),
  acceptPrivacy: say('须阅读并同意个人信息保护告知书', 'please read and accept the privacy notice'),
};
const NOT_RIGHT = say('{label}填写有误', 'the {label} is not right');

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** The plain message of `rule` broken by `value` in the field people call `label`. */
export function plainMessage(
  rule: string,
  label: FieldName,
  value: unknown,
  validatorMessage = '',
): { 'zh-CN': string; en: string } {
  if (rule === 'acceptPrivacy') return RULES.acceptPrivacy(label);
  if (isEmpty(value) && rule !== 'whitelistValidation')
    return (CHOSEN_RULES.includes(rule) ? CHOOSE : FILL_IN)(label);
  // Length names its side in its message: "longer than" when too short.
  const named =
    rule === 'isLength' ? (validatorMessage.includes('longer') ? 'minLength' : 'maxLength') : rule;
  const message = (RULES[named] ?? NOT_RIGHT)(label);
  const number = /-?\d+(\.\d+)?/.exec(validatorMessage)?.[0] ?? '';
  return {
    'zh-CN': message['zh-CN'].replace('{0}', number),
    en: message.en.replace('{0}', number),
  };
}

/** Flattens class-validator's tree into one problem per field and rule, in plain words. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const owner = error.target?.constructor?.name;
    const label = fieldName(error.property, owner);
    const own = Object.entries(error.constraints ?? {})
      .map(([rule, en]) => ({ field, rule, message: plainMessage(rule, label, error.value, en) }))
      // An empty field breaks several rules that all say "please fill it in": once is enough.
      .filter((p, i, all) => all.findIndex((q) => q.message.en === p.message.en) === i);
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

/**
 * A DTO whose fields must also fit together (an end after its start): its own checks of the
 * values that are well formed, run beside the field checks so that one answer names every problem.
 */
export interface FieldsFitTogether {
  crossFieldProblems(): FieldProblem[];
}

/** Every problem of an input at once: its fields' (class-validator's) and how they fit together. */
export function inputProblems(errors: ValidationError[]): FieldProblem[] {
  const target = errors[0]?.target as Partial<FieldsFitTogether> | undefined;
  const together =
    typeof target?.crossFieldProblems === 'function' ? target.crossFieldProblems() : [];
  return [...toFieldProblems(errors), ...together];
}
