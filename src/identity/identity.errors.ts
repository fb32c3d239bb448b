import { defineErrors } from 'src/common/errors/domain-error';

export const IdentityError = defineErrors({
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    message: { 'zh-CN': '邮箱或密码错误', en: 'Wrong e-mail or password' },
  },
  AUTH_EMAIL_TAKEN: {
    status: 409,
    message: { 'zh-CN': '该邮箱已注册', en: 'This e-mail is already registered' },
  },
  AUTH_WRONG_PASSWORD: {
    status: 400,
    message: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  },
  ORGANIZATION_CREDIT_CODE_TAKEN: {
    status: 409,
    message: {
      'zh-CN': '该统一社会信用代码的机构已注册',
      en: 'An organization with this unified social credit code is already registered',
    },
  },
  ORGANIZATION_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '机构不存在', en: 'Organization not found' },
  },
  ORGANIZATION_PARENT_CYCLE: {
    status: 409,
    message: {
      'zh-CN': '上级机构不能是本机构或其下级机构',
      en: 'An organization cannot be placed below itself or one of its own children',
    },
  },
  TEAM_LAST_MANAGER: {
    status: 409,
    message: {
      'zh-CN': '机构至少要保留一名负责人',
      en: 'An organization keeps at least one manager',
    },
  },
  USER_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '用户不存在', en: 'User not found' },
  },
  USER_CANNOT_REVOKE_OWN_ADMIN: {
    status: 409,
    message: { 'zh-CN': '不能撤销自己的管理员角色', en: 'You cannot revoke your own admin role' },
  },
});
