import { defineErrors } from 'src/common/errors/domain-error';

export const LiveError = defineErrors({
  LIVE_UNAVAILABLE: {
    status: 503,
    message: {
      'zh-CN': '直播暂不可用：本机没有可运行的媒体服务（mediasoup worker）',
      en: 'Live streaming is unavailable: no media worker (mediasoup) can run on this host',
    },
  },
  LIVE_SESSION_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '直播场次不存在', en: 'Live session not found' },
  },
  LIVE_ITEM_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '该活动没有这个议程', en: 'No such agenda item in this event' },
  },
  LIVE_SESSION_ENDED: {
    status: 409,
    message: { 'zh-CN': '直播已结束', en: 'The live session has ended' },
  },
  LIVE_ALREADY_LIVE: {
    status: 409,
    message: {
      'zh-CN': '该议程（或活动）已在直播中',
      en: 'This agenda item (or event) is already live',
    },
  },
  LIVE_EVENT_NOT_STARTABLE: {
    status: 409,
    message: {
      'zh-CN': '活动须已发布且尚未结束才能开播',
      en: 'An event goes live only once published and before it ends',
    },
  },
  LIVE_SIGN_IN_REQUIRED: {
    status: 401,
    message: { 'zh-CN': '请先登录后观看', en: 'Please sign in to watch' },
  },
  LIVE_NOT_INVITED: {
    status: 403,
    message: {
      'zh-CN': '本场直播仅限受邀或已报名的嘉宾观看',
      en: 'This stream is for invitees and registered guests only',
    },
  },
  LIVE_NOT_PRESENTER: {
    status: 403,
    message: {
      'zh-CN': '只有本议程的路演人或活动组织方可以开播、推流',
      en: "Only the item's presenters and the event's organizers may start or send media",
    },
  },
  LIVE_NOT_MODERATOR: {
    status: 403,
    message: {
      'zh-CN': '只有活动组织方可以审核提问',
      en: "Only the event's organizers moderate questions",
    },
  },
  LIVE_AUDIENCE_FULL: {
    status: 503,
    message: {
      'zh-CN': '本机直播观众已满，请稍后再试或观看 HLS 转播',
      en: 'The audience on this host is full: try again later or watch the HLS relay',
    },
  },
  LIVE_NOT_JOINED: {
    status: 409,
    message: { 'zh-CN': '请先加入直播', en: 'Join the live session first' },
  },
  LIVE_MEDIA_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '传输通道或媒体流不存在',
      en: 'No such transport, producer or consumer in this session',
    },
  },
  LIVE_MEDIA_REJECTED: {
    status: 400,
    message: {
      'zh-CN': '媒体参数无效',
      en: 'The media parameters were refused',
    },
  },
  LIVE_CANNOT_CONSUME: {
    status: 400,
    message: {
      'zh-CN': '您的浏览器不支持该媒体流的编码',
      en: "Your browser's capabilities cannot receive this stream",
    },
  },
  LIVE_QUESTION_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '提问不存在', en: 'Question not found' },
  },
  LIVE_QUESTION_INVALID_TRANSITION: {
    status: 409,
    message: {
      'zh-CN': '提问的状态不允许此操作',
      en: "The question's state does not allow this",
    },
  },
  LIVE_INTENT_ENTERPRISE_ONLY: {
    status: 403,
    message: {
      'zh-CN': '请以企业用户身份登录后表达合作意向',
      en: 'Sign in as an enterprise user to express an intent',
    },
  },
  LIVE_INTENT_NO_RESULT: {
    status: 409,
    message: {
      'zh-CN': '本场直播没有关联的科技成果',
      en: 'No research result is presented in this session',
    },
  },
  LIVE_RELAY_UNAVAILABLE: {
    status: 503,
    message: {
      'zh-CN': '转播与录制不可用：本机未安装 ffmpeg',
      en: 'Relay and recording are unavailable: ffmpeg is not installed on this host',
    },
  },
  LIVE_RELAY_RUNNING: {
    status: 409,
    message: { 'zh-CN': '已在转播（或录制）中', en: 'Already relaying (or recording)' },
  },
  LIVE_RELAY_NOT_RUNNING: {
    status: 409,
    message: { 'zh-CN': '没有进行中的转播（或录制）', en: 'Not relaying (or recording)' },
  },
  LIVE_NOTHING_TO_RELAY: {
    status: 409,
    message: {
      'zh-CN': '还没有人推流，无法转播或录制',
      en: 'Nobody is sending media yet: nothing to relay or record',
    },
  },
  LIVE_MEDIA_ON_OTHER_HOST: {
    status: 503,
    message: {
      'zh-CN': '该直播的媒体服务在另一台主机上',
      en: "This session's media is served by another host",
    },
  },
  LIVE_TOO_FAST: {
    status: 429,
    message: { 'zh-CN': '发言太快了，请稍候', en: 'Too many messages: please slow down' },
  },
  LIVE_ORIGIN_REFUSED: {
    status: 403,
    message: {
      'zh-CN': '直播连接只接受本平台页面发起',
      en: "The live socket only opens from the platform's own pages",
    },
  },
  LIVE_TOO_MANY_CONNECTIONS: {
    status: 429,
    message: {
      'zh-CN': '来自该地址的直播连接过多，请关闭一些页面后再试',
      en: 'Too many live connections from this address: close some pages and try again',
    },
  },
  LIVE_TOKEN_INVALID: {
    status: 401,
    message: {
      'zh-CN': '登录凭据无效或已过期，请重新登录',
      en: 'The sign-in token is invalid or has expired: please sign in again',
    },
  },
  LIVE_BUSY: {
    status: 503,
    message: {
      'zh-CN': '直播服务暂时繁忙，请稍后再连接',
      en: 'The live service is busy for a moment: please connect again shortly',
    },
  },
  LIVE_GUEST_NAME_REFUSED: {
    status: 400,
    message: {
      'zh-CN': '访客昵称最多 20 个字，且不能包含“访客”、主持人等身份字样或括号',
      en: 'A guest name has at most 20 characters and may not carry "guest", a role on stage or brackets',
    },
  },
});
