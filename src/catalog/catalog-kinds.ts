/** How a result may change hands (合作方式). */
export const COOPERATION_MODES = [
  'transfer', // 转让
  'license', // 许可
  'joint_development', // 合作开发
  'equity', // 作价入股
  'technical_service', // 技术服务
] as const;
export type CooperationMode = (typeof COOPERATION_MODES)[number];

export const PATENT_STATUSES = ['filed', 'granted', 'lapsed'] as const;
export type PatentStatus = (typeof PATENT_STATUSES)[number];

/**
 * Who may read a need's details (description, keywords, budget): anyone; only the experts the
 * organizers matched to it; or only the organizers (of the programmes it was brought to). Its owner and those organizers always may.
 */
export const CONFIDENTIALITIES = ['public', 'matched_only', 'organizers_only'] as const;
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];

/**
 * How a result or need came into a programme (see CatalogRelease): submitted to an event's
 * roadshow call, presented on its agenda, brought to its docking session, imported by its
 * organizers into the event or series, or attached by them explicitly.
 */
export const RELEASE_ACTS = ['submitted', 'presented', 'brought', 'imported', 'attached'] as const;
export type ReleaseAct = (typeof RELEASE_ACTS)[number];

export const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export interface Patent {
  number: string;
  status: PatentStatus;
}

/** A file kept elsewhere (object storage): what the platform knows of it. */
export interface AttachmentMeta {
  name: string;
  url: string;
  contentType: string;
  size: number;
}

export interface TeamMember {
  name: string;
  title: string | null;
}
