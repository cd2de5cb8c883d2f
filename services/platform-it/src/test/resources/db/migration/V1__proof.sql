-- Business tables of the proof application used by the platform's own tests.
CREATE TABLE proof_order (
	id          uuid PRIMARY KEY,
	message_key text NOT NULL
);

-- What the consumer applied; no unique constraint, so a duplicate application would show as two rows.
CREATE TABLE proof_effect (
	id          bigserial PRIMARY KEY,
	event_id    text NOT NULL,
	message_key text NOT NULL,
	order_id    uuid NOT NULL
);
