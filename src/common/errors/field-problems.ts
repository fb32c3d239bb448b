import { ValidationError } from 'class-validator';
import { FieldProblem } from 'src/common/errors/domain-error';

/** Chinese texts of class-validator's rules; `{n}` takes the numbers of the English message in order. */
const ZH_RULES: Record<string, string> = {
  whitelistValidation: '不是可接受的字段',
  isDefined: '必须填写',
  isNotEmpty: '不能为空',
  isString: '必须是文本',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是 true 或 false',
  isArray: '必须是列表',
  isObject: '必须是对象',
  isEmail: '不是有效的邮箱地址',
  isMobilePhone: '不是有效的手机号码',
  isUUID: '不是有效的编号',
  isUrl: '不是有效的网址',
  isIn: '不是允许的取值',
  isEnum: '不是允许的取值',
  isISO8601: '不是有效的日期时间',
  isDateString: '不是有效的日期时间',
  matches: '格式不正确',
  maxLength: '不能超过 {0} 个字符',
  minLength: '至少 {0} 个字符',
  min: '不能小于 {0}',
  max: '不能大于 {0}',
  arrayMaxSize: '最多 {0} 项',
  arrayMinSize: '至少 {0} 项',
  arrayUnique: '不能有重复项',
  nestedValidation: '必须是对象',
  isCreditCode: '不是有效的统一社会信用代码',
  acceptPrivacy: '须阅读并同意个人信息保护告知书',
};

function zhMessage(rule: string, en: string): string {
  // class-validator's Length says "longer than" or "shorter than" depending on the side that failed.
  const template =
    rule === 'isLength'
      ? en.includes('longer')
        ? ZH_RULES.minLength
        : ZH_RULES.maxLength
      : (ZH_RULES[rule] ?? '格式不正确');
  const numbers = en.match(/-?\d+(\.\d+)?/g) ?? [];
  return template.replace(/\{(\d)\}/g, (_, i: string) => numbers[Number(i)] ?? '');
}

/** Flattens class-validator's tree into one problem per field and rule. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, en]) => ({
      field,
      rule,
      message: { 'zh-CN': zhMessage(rule, en), en },
    }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}
