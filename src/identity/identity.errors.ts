import { defineErrors } from 'src/common/errors/domain-error';

export const IdentityError = defineErrors({
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    message: { 'zh-CN': '邮箱或密码错误', en: 'Wrong e-mail or password' },
  },
  AUTH_ADDRESS_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': '请填写邮箱或手机号（至少一项）',
      en: 'Give an e-mail address or a mobile number (at least one)',
    },
  },
  AUTH_ACCOUNT_DISABLED: {
    status: 403,
    message: {
      'zh-CN': '该账号已被管理员停用，请联系平台管理员',
      en: 'This account has been disabled by an administrator; contact the platform',
    },
  },
  CONFIRMATION_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': '请输入当前密码或短信验证码以确认',
      en: 'Enter your current password or the SMS code to confirm',
    },
  },
  CONFIRMATION_WRONG_PASSWORD: {
    status: 400,
    message: { 'zh-CN': '密码不正确', en: 'The password is not correct' },
  },
  CONFIRMATION_NO_PROVED_MOBILE: {
    status: 400,
    message: {
      'zh-CN': '您的账号没有已验证的手机号码，请用密码确认',
      en: 'Your account has no verified mobile number: confirm with your password',
    },
  },
  VERIFICATION_INVALID: {
    status: 400,
    message: {
      'zh-CN': '验证码或链接无效，请重新获取',
      en: 'The code or link is not valid; ask for a new one',
    },
  },
  VERIFICATION_USED: {
    status: 410,
    message: { 'zh-CN': '该链接已使用过', en: 'This link has already been used' },
  },
  VERIFICATION_EXPIRED: {
    status: 410,
    message: {
      'zh-CN': '验证码或链接已过期，请重新获取',
      en: 'The code or link has expired; ask for a new one',
    },
  },
  VERIFICATION_TOO_MANY_ATTEMPTS: {
    status: 429,
    message: {
      'zh-CN': '验证码输错次数过多，请重新获取',
      en: 'Too many wrong codes; ask for a new one',
    },
  },
  SESSION_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '登录会话不存在', en: 'Session not found' },
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
  TEAM_INVITATION_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '团队邀请不存在', en: 'Team invitation not found' },
  },
  TEAM_INVITATION_EXPIRED: {
    status: 410,
    message: {
      'zh-CN': '该邀请链接已过期，请联系负责人重新邀请',
      en: 'This invitation link has expired; ask the manager to invite you again',
    },
  },
  TEAM_INVITATION_REVOKED: {
    status: 410,
    message: { 'zh-CN': '该邀请已被撤销', en: 'This invitation was revoked' },
  },
  TEAM_INVITATION_USED: {
    status: 410,
    message: { 'zh-CN': '该邀请已被接受', en: 'This invitation has already been accepted' },
  },
  TEAM_INVITATION_OPEN: {
    status: 409,
    message: {
      'zh-CN': '已向该邮箱发出邀请，尚未接受；如需重发请先撤销',
      en: 'An invitation to this address is still open; revoke it to send a new one',
    },
  },
  TEAM_ALREADY_MEMBER: {
    status: 409,
    message: {
      'zh-CN': '该用户已是本机构成员，可直接修改其角色',
      en: 'This person is already in the organization; change their role instead',
    },
  },
  MEMBERSHIP_REQUEST_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '加入申请不存在', en: 'Membership request not found' },
  },
  MEMBERSHIP_REQUEST_PENDING: {
    status: 409,
    message: {
      'zh-CN': '您已申请加入该机构，正在等待审批',
      en: 'You have already asked to join this organization; the request awaits approval',
    },
  },
  MEMBERSHIP_ALREADY_MEMBER: {
    status: 409,
    message: { 'zh-CN': '您已是该机构成员', en: 'You are already a member of this organization' },
  },
  MEMBERSHIP_REQUEST_KIND: {
    status: 409,
    message: {
      'zh-CN': '只能申请加入高校、科研院所或企业',
      en: 'Only a university, an institute or an enterprise can be joined by request',
    },
  },
  MEMBERSHIP_REQUEST_OWN: {
    status: 403,
    message: { 'zh-CN': '不能审批自己的申请', en: 'You cannot decide your own request' },
  },
  MEMBERSHIP_REQUEST_DECIDED: {
    status: 409,
    message: {
      'zh-CN': '该申请已审批，不能再更改',
      en: 'This request has already been decided',
    },
  },
  USER_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '用户不存在', en: 'User not found' },
  },
  USER_CANNOT_DISABLE_SELF: {
    status: 409,
    message: { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  },
  USER_CANNOT_REVOKE_OWN_ADMIN: {
    status: 409,
    message: { 'zh-CN': '不能撤销自己的管理员角色', en: 'You cannot revoke your own admin role' },
  },
});
