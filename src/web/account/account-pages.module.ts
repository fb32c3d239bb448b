import { Module } from '@nestjs/common';
import { CatalogModule } from 'src/catalog/catalog.module';
import { IdentityModule } from 'src/identity/identity.module';
import { AccountPagesController } from 'src/web/account/account-pages.controller';
import { CoHostingPagesController } from 'src/web/account/co-hosting-pages.controller';
import { MyDataPageController } from 'src/web/account/my-data-page.controller';
import { PersonalDataModule } from 'src/personal-data/personal-data.module';
import { ExpertProfilePageController } from 'src/web/account/expert-profile-page.controller';
import { VerifyPagesController } from 'src/web/account/verify-pages.controller';
import { RecoveryPagesController } from 'src/web/account/recovery-pages.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/** Sign-up, proving addresses and one's account (`/account/…`): organization, password, expert profile. */
@Module({
  imports: [WebCoreModule, IdentityModule, CatalogModule, PersonalDataModule],
  controllers: [
    AccountPagesController,
    ExpertProfilePageController,
    MyDataPageController,
    VerifyPagesController,
    RecoveryPagesController,
    CoHostingPagesController,
  ],
})
export class AccountPagesModule {}
