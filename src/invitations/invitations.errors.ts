import { defineErrors } from 'src/common/errors/domain-error';

export const InvitationError = defineErrors({
  INVITATION_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '邀请不存在或链接无效',
      en: 'No such invitation, or the link is not valid',
    },
  },
  INVITATION_TOO_MANY: {
    status: 400,
    message: { 'zh-CN': '一次最多邀请 10000 人', en: 'At most 10,000 invitees at once' },
  },
  INVITATION_INVALID_TRANSITION: {
    status: 409,
    message: {
      'zh-CN': '邀请当前状态不允许此操作',
      en: 'The invitation’s current status does not allow this',
    },
  },
  INVITATION_EXPIRED: {
    status: 410,
    message: {
      'zh-CN': '活动已开始，邀请已过期',
      en: 'The event has started: the invitation has expired',
    },
  },
});
