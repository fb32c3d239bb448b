import { defineErrors } from 'src/common/errors/domain-error';

export const PersonalDataError = defineErrors({
  PERSONAL_DATA_NOT_A_PARTY: {
    status: 403,
    message: {
      'zh-CN': '只有洽谈双方可以交换联系方式',
      en: 'Only the parties of a meeting exchange their contacts',
    },
  },
  PERSONAL_DATA_CO_HOST_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '没有找到此活动的这个协办单位',
      en: 'No such co-host of this event',
    },
  },
  PERSONAL_DATA_NOT_AN_INTENT_PARTY: {
    status: 404,
    message: {
      'zh-CN': '合作意向不存在',
      en: 'Intent not found',
    },
  },
});
