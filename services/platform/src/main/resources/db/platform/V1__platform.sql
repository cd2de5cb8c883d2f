-- Tables the platform library owns in every service's database. Applied before the service's own
-- migrations, with its own history table (platform_schema_history), so both can evolve independently.

-- Transactional outbox: events recorded in the business transaction, published by the relay.
CREATE TABLE outbox_event (
	id             bigserial PRIMARY KEY,
	event_id       text        NOT NULL UNIQUE,
	topic          text        NOT NULL,
	message_key    text        NOT NULL,
	type           text        NOT NULL,
	source         text        NOT NULL,
	subject        text,
	occurred_at    timestamptz NOT NULL,
	data_schema    text,
	data           text        NOT NULL,
	traceparent    text,
	correlation_id text,
	created_at     timestamptz NOT NULL DEFAULT now(),
	published_at   timestamptz
);

CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- NOTIFY is delivered at commit, so the relay wakes exactly when new rows become visible.
CREATE FUNCTION outbox_event_notify() RETURNS trigger
	LANGUAGE plpgsql AS
$$
BEGIN
	PERFORM pg_notify('ketaclinic_outbox', '');
	RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_notify
	AFTER INSERT ON outbox_event
	FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();

-- Idempotent consumers: one row per (consumer, event) applied, written in the handler's transaction.
CREATE TABLE processed_event (
	consumer     text        NOT NULL,
	event_id     text        NOT NULL,
	event_type   text        NOT NULL,
	processed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (consumer, event_id)
);

-- Idempotency-Key support for HTTP commands: the first successful response, replayed for retries.
CREATE TABLE idempotency_record (
	scope           text        NOT NULL,
	idempotency_key text        NOT NULL,
	request_hash    text        NOT NULL,
	response_status int,
	content_type    text,
	location        text,
	body            bytea,
	created_at      timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idempotency_record_created ON idempotency_record (created_at);

-- Dead letters replayed by an administrator (the dead letters themselves stay on the <topic>.DLT topics).
CREATE TABLE dead_letter_replay (
	dlt_topic     text        NOT NULL,
	dlt_partition int         NOT NULL,
	dlt_offset    bigint      NOT NULL,
	event_id      text,
	replayed_by   text        NOT NULL,
	replayed_at   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (dlt_topic, dlt_partition, dlt_offset)
);
