import type { APIRoute, GetStaticPaths } from 'astro';
import { recordPageKey, rows, villageCalendarTownWide, villageDue } from '../../../data.ts';
import { buildDate } from '../../../build/config.ts';
import { pageKey } from '../../../build/page-keys.ts';
import { calendarStamp, problemDeadlineEvent, uidHost } from '../../../lib/due.ts';
import { icsCalendar } from '../../../lib/publishing/ical.ts';
import { SITE_NAME, villageCalendarDescription, villageCalendarName } from '../../../lib/site.ts';
import { absoluteUrl, dueCalendarUrl, problemUrl } from '../../../lib/urls.ts';

/**
 * What a village's calendar lists: its unfinished problems, then the nearest town-wide ones, by
 * deadline as of the build's day. The town-wide ones are the same in every village's calendar:
 * their part of the key is hashed once a build, not once per village (README, "Scale").
 */
export const getStaticPaths = (async () => {
  const townWide = pageKey(villageCalendarTownWide());
  return Promise.all(
    rows('villages').map(async (v) => ({
      params: { id: v.id },
      props: { name: v.name },
      cacheKey: await recordPageKey('villages/[id]/due.ics', { name: v.name, entries: villageDue(v.id).all, townWide, date: buildDate() }),
    })),
  );
}) satisfies GetStaticPaths;

/**
 * A village's deadlines as a calendar: all its unfinished problems, and of the town-wide ones,
 * which concern every village, the nearest TOWN_WIDE_ON_VILLAGE_PAGE — a calendar of a thousand
 * villages each repeating every town-wide deadline would be mostly repetition; /due.ics has them
 * all, and the calendar's description says so. A problem's UID is the same as in /due.ics, so a
 * reader subscribed to both sees one event in a calendar app that merges by UID.
 */
export const GET: APIRoute = ({ site, params, props }) => {
  const host = uidHost(site);
  const townWide = villageCalendarTownWide();
  const entries = [...villageDue(params.id ?? '').all, ...townWide.entries];
  const events = entries.map((e) => problemDeadlineEvent(e.problem, absoluteUrl(problemUrl(e.problem.id), site), host));
  const name = (props as { name: string }).name;
  const body = icsCalendar({
    name: villageCalendarName(name),
    description: villageCalendarDescription(name, { shown: townWide.entries.length, more: townWide.more }, absoluteUrl(dueCalendarUrl(), site)),
    prodId: `-//${SITE_NAME}//到期事项//ZH`,
    stamp: calendarStamp(buildDate()),
    events,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
