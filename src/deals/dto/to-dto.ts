import { DealDto, IntentDto, TaskDto } from 'src/deals/dto/deals.dto';
import { Deal } from 'src/deals/deal.entity';
import { FollowUpTask } from 'src/deals/follow-up-task.entity';
import { Intent } from 'src/deals/intent.entity';

/** How a deal is named in messages: its two parties. */
export const dealTitle = (d: Deal) => `${d.enterpriseName} × ${d.institutionName}`;

export function toIntentDto(i: Intent): IntentDto {
  return {
    id: i.id,
    userId: i.userId,
    enterpriseName: i.enterpriseName,
    resultId: i.resultId,
    expertId: i.expertId,
    eventId: i.eventId,
    dockingMeetingId: i.dockingMeetingId,
    note: i.note,
    stage: i.stage,
    dropReason: i.dropReason,
    ownerId: i.ownerId,
    lastContactAt: i.lastContactAt,
    createdAt: i.createdAt,
  };
}

export function toDealDto(d: Deal): DealDto {
  return {
    id: d.id,
    intentId: d.intentId,
    enterpriseName: d.enterpriseName,
    institutionName: d.institutionName,
    expertTeam: d.expertTeam,
    resultId: d.resultId,
    needId: d.needId,
    eventId: d.eventId,
    agendaItemId: d.agendaItemId,
    dockingMeetingId: d.dockingMeetingId,
    type: d.type,
    contractValueFen: d.contractValueFen,
    investmentFen: d.investmentFen,
    contractCategory: d.contractCategory,
    registration:
      d.registrationNumber && d.contractCategory && d.registeredOn
        ? {
            category: d.contractCategory,
            registrationNumber: d.registrationNumber,
            registeredAmountFen: d.registeredAmountFen ?? 0,
            registeredOn: d.registeredOn,
          }
        : null,
    signedOn: d.signedOn,
    atCeremony: d.atCeremony,
    attachments: d.attachments,
    stage: d.stage,
    dropReason: d.dropReason,
    ownerId: d.ownerId,
    lastContactAt: d.lastContactAt,
    createdAt: d.createdAt,
  };
}

export function toTaskDto(t: FollowUpTask): TaskDto {
  return {
    id: t.id,
    intentId: t.intentId,
    dealId: t.dealId,
    ownerId: t.ownerId,
    title: t.title,
    dueOn: t.dueOn,
    notes: t.notes,
    doneAt: t.doneAt,
  };
}
