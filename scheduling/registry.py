"""The jobs that run on a schedule, by name: a dotted path to a function taking `now`
and returning a small JSON-able summary, and how often it runs.

They run in the task worker (django-tasks, database backend): each run enqueues the
next one with `run_after`, so no broker and no cron are needed. `manage.py
ensure_periodic_tasks` (run by `make run` and at each deployment) starts any job that has
no run pending."""

from datetime import timedelta

PERIODIC: dict[str, tuple[str, timedelta]] = {
    "referrals.follow_up": ("referrals.services.referrals_follow_up", timedelta(hours=1)),
    "offers.follow_up": ("offers.services.offers_follow_up", timedelta(hours=1)),
    # The employer's link when its side of a checkpoint falls due; the referent reminded
    # of the sides a week overdue.
    "employment.follow_up": ("employment.reminders.follow_up_run", timedelta(hours=1)),
    # Warn, then anonymise, the files two years without contact (a batch per run).
    "retention.run": ("retention.services.retention_run", timedelta(hours=6)),
    # Tell the prescribers of the PASS IAE ending in 90, then 30 days (once each).
    "referrals.endings": ("referrals.endings.endings_notify", timedelta(hours=6)),
    # Delete the files of large exports once expired (the record stays, for the trail).
    "exports.purge": ("exports.services.exports_purge", timedelta(hours=6)),
    # The reminders of tomorrow's event sessions (each session once).
    "events.reminders": ("events.tasks.reminders_run", timedelta(hours=1)),
}
