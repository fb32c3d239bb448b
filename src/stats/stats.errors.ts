import { defineErrors } from 'src/common/errors/domain-error';

export const StatsError = defineErrors({
  STATISTICS_NOT_COMPILED: {
    status: 404,
    message: {
      'zh-CN': '活动统计尚未生成（活动结束后自动生成）',
      en: 'The event’s figures are not compiled yet (they are when it concludes)',
    },
  },
});
