-- An outbox row that Kafka refuses for good (too large, an invalid or forbidden topic) is parked
-- with the reason, and the relay goes on with the rows after it (ADR 0016). Parked rows are kept
-- until an operator deals with them (docs/operations/runbook.md).
ALTER TABLE outbox_event
	ADD COLUMN parked_at   timestamptz,
	ADD COLUMN park_reason text;

DROP INDEX outbox_event_unpublished;
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_event_parked ON outbox_event (parked_at) WHERE parked_at IS NOT NULL;
