-- Issue 18: the SMS provider's webhook calls, by their signed message id, so a replayed call acts once.
-- Rows older than the replay window are purged as new ones arrive.
CREATE TABLE sms_webhook_receipt (
    message_id  text PRIMARY KEY,
    received_at timestamptz NOT NULL
);
CREATE INDEX sms_webhook_receipt_received ON sms_webhook_receipt (received_at);
