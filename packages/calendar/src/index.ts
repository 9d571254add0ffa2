/**
 * The calendar a shop plans around (DOMAIN.md sections 2 and 5): lunar and
 * platform festivals, solar terms, statutory holidays and make-up workdays
 * (published or provisional), holiday override files and activity template
 * windows. Pure date facts with no clock: the engine re-exports them and
 * builds phasing and scheduling on them; the examples use them to date demo
 * plans (which is why they sit below the engine, not inside it).
 */
export { parseIsoDate, isoDate, isoWeekday, dayNumber } from './iso-date.ts';
export { festivalsOfYear, springFestival, dragonBoatFestival, midAutumnFestival, springFestivalDay, dragonBoatDay, midAutumnDay, solarTermDay, SOLAR_TERM_IDS } from './festivals.ts';
export type { Festival, FestivalKind } from './festivals.ts';
export { yearCalendar, isWorkday, addWorkdays, workdaysBetween, isPublishedYear, calendarYearIssue, holidayId, CalendarUsageError, CALENDAR_YEARS, HOLIDAY_NAMES } from './holidays.ts';
export type { CalendarDay, YearCalendar, YearCalendarOutcome, CalendarOptions, HolidayOverride, HolidayOverrideDay, HolidaySource, HolidayId } from './holidays.ts';
export { provisionalSchedule } from './provisional.ts';
export type { HolidaySchedule, ScheduleEntry } from './provisional.ts';
export { parseHolidayOverride } from './override.ts';
export { activityTemplates, MEMBER_DAY_WEEKDAY } from './templates.ts';
export type { ActivityTemplate, ActivityTier, TemplateOptions } from './templates.ts';
