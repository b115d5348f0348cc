import type { APIRoute } from 'astro';
import { dueTargetsView, dueView } from '../data.ts';
import { buildDate } from '../build/config.ts';
import { calendarStamp, problemDeadlineEvent, targetDeadlineEvent, uidHost } from '../lib/due.ts';
import { icsCalendar } from '../lib/publishing/ical.ts';
import { DUE_CALENDAR_NAME, SITE_NAME } from '../lib/site.ts';
import { absoluteUrl, indicatorUrl, problemUrl } from '../lib/urls.ts';

/** Every deadline of /due/ as a calendar: unfinished problems (overdue ones too) and plan targets not yet due. */
export const GET: APIRoute = ({ site }) => {
  const host = uidHost(site);
  const events = [
    ...dueView().all.map((e) => problemDeadlineEvent(e.problem, absoluteUrl(problemUrl(e.problem.id), site), host)),
    ...dueTargetsView().map((t) =>
      targetDeadlineEvent(
        { id: t.target.indicator.id, name: t.target.indicator.name, date: t.date, status: t.target.progress.result },
        absoluteUrl(indicatorUrl(t.target.indicator.id), site),
        host,
      ),
    ),
  ];
  const body = icsCalendar({ name: DUE_CALENDAR_NAME, prodId: `-//${SITE_NAME}//到期事项//ZH`, stamp: calendarStamp(buildDate()), events });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
