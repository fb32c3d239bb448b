import { defineErrors } from 'src/common/errors/domain-error';

export const EventError = defineErrors({
  EVENT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '活动不存在', en: 'Event not found' },
  },
  EVENT_CO_HOST_IS_ORGANIZER: {
    status: 400,
    message: {
      'zh-CN': '主办机构本身不能再列为协办单位',
      en: 'The organizing organization cannot also be a co-host',
    },
  },
  EVENT_CO_HOST_UNKNOWN: {
    status: 400,
    message: {
      'zh-CN': '平台上没有这个机构',
      en: 'There is no such organization on the platform',
    },
  },
  SERIES_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '系列活动不存在', en: 'Series not found' },
  },
  EVENT_NOT_ORGANIZER: {
    status: 403,
    message: {
      'zh-CN': '只有主办机构的组织者可以管理此活动',
      en: 'Only organizers of the organizing organization may manage this',
    },
  },
  EVENT_INVALID_SCHEDULE: {
    status: 400,
    message: { 'zh-CN': '活动时间安排有误', en: 'The event’s times do not fit together' },
  },
  EVENT_INVALID_TRANSITION: {
    status: 409,
    message: {
      'zh-CN': '活动当前状态不允许此操作',
      en: 'The event’s current status does not allow this change',
    },
  },
  EVENT_INCOMPLETE: {
    status: 409,
    message: {
      'zh-CN': '活动信息不完整，暂不能发布',
      en: 'The event is missing details it needs to be published',
    },
  },
  EVENT_CAPACITY_BELOW_CONFIRMED: {
    status: 409,
    message: {
      'zh-CN': '容量不能少于已确认的报名人数',
      en: 'The capacity cannot be below the confirmed registrations',
    },
  },
  EVENT_NOT_EDITABLE: {
    status: 409,
    message: {
      'zh-CN': '已结束、已归档或已取消的活动不能修改',
      en: 'A concluded, archived or cancelled event cannot be changed',
    },
  },
});
