// npm run demo: contacts shared only by separate consent (PIPL Art. 23). The coming roadshow has a
// co-host whose team reads its registrants (contacts only of the one who consented), and the
// demo's intent has both its people consenting to show each other their contacts.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoHosts } from 'src/events/co-hosts';
import { Event } from 'src/events/event.entity';
import { EventCoHost } from 'src/events/event-co-host.entity';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { hashPassword } from 'src/identity/password';
import { User } from 'src/identity/user.entity';
import { Intent } from 'src/deals/intent.entity';
import { IntentSharing } from 'src/personal-data/intent-sharing';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { asActor } from 'scripts/demo-support';

/** The co-host's person, who reads the roadshow's registrants (a viewer in its team). */
export const CO_HOST_ACCOUNT = {
  name: '吴刚',
  email: 'cohost@duijie.demo',
  password: 'demo-cohost-2026',
  organization: '成都技术转移服务中心',
};

/** The registrant who consents, on the form, to show the co-host their contacts. */
export const CONSENTING_REGISTRANT = {
  name: '黄海',
  email: 'huang.hai@duijie.demo',
  mobile: '13800000010',
  organizationName: '成都锂源电池科技有限公司',
};

/**
 * The co-host of `roadshowTitle` with its team's account, a registrant who consented for it, and
 * the demo intent's expert consenting to show the enterprise his contacts (the enterprise gave
 * its consent with the intent). False when present.
 */
export async function seedSharing(
  app: INestApplicationContext,
  organizer: User,
  roadshowTitle: string,
): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const roadshow = await dataSource.getRepository(Event).findOneByOrFail({ title: roadshowTitle });
  if (await dataSource.getRepository(EventCoHost).existsBy({ eventId: roadshow.id })) return false;
  const organization = await dataSource.getRepository(Organization).save({
    name: CO_HOST_ACCOUNT.organization,
    kind: 'service_agency',
    region: '四川省成都市',
    industryFields: [],
    creditCode: null,
    parentId: null,
  });
  const person = await dataSource.getRepository(User).save(
    dataSource.getRepository(User).create({
      name: CO_HOST_ACCOUNT.name,
      email: CO_HOST_ACCOUNT.email,
      mobile: null,
      emailVerifiedAt: new Date(),
      locale: 'zh-CN',
      roles: [],
      passwordHash: await hashPassword(CO_HOST_ACCOUNT.password),
    }),
  );
  await dataSource.getRepository(Membership).save({
    userId: person.id,
    organizationId: organization.id,
    title: '技术经纪人',
    role: 'viewer',
  });
  await app.get(CoHosts).add(asActor(organizer), roadshow.id, organization.id);
  await app.get(RegistrationsService).register(undefined, roadshow.id, {
    ...CONSENTING_REGISTRANT,
    sector: 'industry',
    answers: { interest: '新材料成果转化' },
    acceptPrivacy: true,
    shareContactsWith: [organization.id],
  });
  // The demo intent (the enterprise consented when expressing it): the expert says yes too.
  const expert = await dataSource
    .getRepository(User)
    .findOneByOrFail({ email: 'expert@duijie.demo' });
  const intent = await dataSource.getRepository(Intent).findOneOrFail({
    where: { stage: 'negotiating' },
    order: { createdAt: 'ASC' },
  });
  await app.get(IntentSharing).share(asActor(expert), intent.id, true);
  return true;
}
