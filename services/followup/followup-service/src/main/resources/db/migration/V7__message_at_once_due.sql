-- The dispatcher claims pages and replies before any other due message (so a backlog of reminders or check-ins
-- can never hold a page back): they have an index of their own.
CREATE INDEX message_at_once_due ON message (scheduled_for)
    WHERE status = 'PLANNED'
    AND kind IN ('PAGE', 'OPT_OUT_CONFIRMATION', 'OPT_IN_CONFIRMATION', 'REPLY_CLARIFICATION', 'REPLY_HELP',
        'CRISIS_RESOURCES');
