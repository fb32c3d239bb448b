import { defineErrors } from 'src/common/errors/domain-error';

export const DealError = defineErrors({
  INTENT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '合作意向不存在', en: 'Intent not found' },
  },
  DEAL_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '签约项目不存在', en: 'Deal not found' },
  },
  TASK_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '跟进任务不存在', en: 'Follow-up task not found' },
  },
  FOLLOW_UP_INVALID_STAGE: {
    status: 409,
    message: {
      'zh-CN': '跟进阶段只能逐级推进或终止，不能跳过或回退',
      en: 'A follow-up moves one stage at a time or is dropped; it cannot skip or go back',
    },
  },
  FOLLOW_UP_REASON_REQUIRED: {
    status: 400,
    message: { 'zh-CN': '请说明原因', en: 'Please give the reason' },
  },
  DEAL_EVENT_CANCELLED: {
    status: 409,
    message: {
      'zh-CN': '已取消的活动不能举行签约仪式',
      en: 'A cancelled event has no signing ceremony',
    },
  },
  DEAL_CEREMONY_NEEDS_EVENT: {
    status: 400,
    message: { 'zh-CN': '现场签约须指明活动', en: 'A ceremony signing names its event' },
  },
  DEAL_SIGNED_IN_FUTURE: {
    status: 400,
    message: { 'zh-CN': '签约日期不能晚于今天', en: 'The signing date cannot be in the future' },
  },
  DEAL_REGISTERED_IN_FUTURE: {
    status: 400,
    message: {
      'zh-CN': '登记日期不能晚于今天',
      en: 'The registration date cannot be in the future',
    },
  },
  DEAL_UNKNOWN_REFERENCE: {
    status: 400,
    message: { 'zh-CN': '所引用的记录不存在', en: 'A referenced record does not exist' },
  },
  INTENT_NEEDS_TARGET: {
    status: 400,
    message: {
      'zh-CN': '请指明意向合作的成果或专家团队',
      en: 'Name the result or the expert team you want to work with',
    },
  },
});
