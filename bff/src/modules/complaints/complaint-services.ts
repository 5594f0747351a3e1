import type { AppDeps } from '../../platform/deps';
import type { ComplaintCounting } from './complaint-counting';
import { createCalendarService } from '../calendar/calendar.service';
import { createCatalogueService } from '../catalogue/catalogue.service';
import { createDispatchService } from './dispatch.service';
import { createHandlingService } from './handling.service';
import { createIntakeService } from './intake.service';
import { createResidentService } from './resident.service';
import { createStaffQueries } from './staff-queries';

/** Every complaints story, built once per app; `counting` keeps the assessment's tallies (app.ts hands it in). */
export function createComplaintServices(appDeps: AppDeps, counting: ComplaintCounting) {
  const deps = { ...appDeps, counting };
  const calendar = createCalendarService(deps);
  const catalogue = createCatalogueService(deps);
  return {
    intake: createIntakeService(deps, catalogue, calendar),
    resident: createResidentService(deps, calendar),
    dispatch: createDispatchService(deps, calendar),
    handling: createHandlingService(deps),
    staff: createStaffQueries(deps),
  };
}

export type ComplaintServices = ReturnType<typeof createComplaintServices>;
