import { defineErrors } from 'src/common/errors/domain-error';

export const RoadshowError = defineErrors({
  ROADSHOW_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '路演申报不存在', en: 'Roadshow submission not found' },
  },
  ROADSHOW_CALL_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '本活动没有路演征集', en: 'This event has no call for roadshows' },
  },
  ROADSHOW_CALL_CLOSED: {
    status: 409,
    message: { 'zh-CN': '路演征集未开放或已截止', en: 'The call for roadshows is not open' },
  },
  ROADSHOW_FIELD_NOT_CALLED: {
    status: 400,
    message: {
      'zh-CN': '成果领域不在本次征集范围内',
      en: 'The result’s fields are not among those called for',
    },
  },
  ROADSHOW_NOT_YOUR_RESULT: {
    status: 403,
    message: { 'zh-CN': '只能申报本人的科技成果', en: 'You may only submit your own results' },
  },
  ROADSHOW_INVALID_TRANSITION: {
    status: 409,
    message: {
      'zh-CN': '路演申报当前状态不允许此操作',
      en: 'The submission’s current status does not allow this',
    },
  },
  ROADSHOW_NOT_REVIEWER: {
    status: 403,
    message: { 'zh-CN': '您不是该申报的评审人', en: 'You are not a reviewer of this submission' },
  },
  ROADSHOW_UNKNOWN_USER: {
    status: 400,
    message: { 'zh-CN': '所填用户不存在', en: 'No such user' },
  },
});
