import { defineErrors } from 'src/common/errors/domain-error';

export const ChallengeError = defineErrors({
  CHALLENGE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '榜单不存在', en: 'Challenge not found' },
  },
  CHALLENGE_BID_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '揭榜方案不存在', en: 'Bid not found' },
  },
  CHALLENGE_CLOSED: {
    status: 409,
    message: { 'zh-CN': '榜单未发布或已截止', en: 'The challenge is not taking bids' },
  },
  CHALLENGE_NOT_POSTER: {
    status: 403,
    message: {
      'zh-CN': '只有发榜方或组织者可以操作',
      en: 'Only the poster or an organizer may do this',
    },
  },
  CHALLENGE_BID_INVALID_TRANSITION: {
    status: 409,
    message: {
      'zh-CN': '揭榜方案当前状态不允许此操作',
      en: 'The bid’s current status does not allow this',
    },
  },
});
