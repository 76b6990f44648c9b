-- The triggers append their changes to message_rollup_deltas instead of adding them to the
-- shared message_rollups row of their hour and integration, which every concurrent text had
-- to lock until its commit. report_rollups_compact() folds the deltas in (the reports.compact
-- job, every minute); reports read rollups and deltas together.

CREATE OR REPLACE FUNCTION report_rollup_message(m messages, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t record;
  at_hour timestamptz := date_trunc('hour', m.created_at, 'UTC');
BEGIN
  IF m.direction = 'note' THEN RETURN; END IF;
  SELECT tk.integration_id, tk.assignee_id, c.country INTO t
    FROM tickets tk JOIN customers c ON c.id = tk.customer_id
    WHERE tk.id = m.ticket_id FOR NO KEY UPDATE OF tk;
  -- The ticket is being deleted: its counts were taken back before (report_tickets_deleting).
  IF NOT FOUND THEN RETURN; END IF;
  INSERT INTO message_rollup_deltas (hour, integration_id, assignee_id, country, direction, status, sent, error_code, messages, segments)
  VALUES (at_hour, t.integration_id, t.assignee_id, t.country, m.direction, m.status, m.twilio_sid IS NOT NULL,
          CASE WHEN m.status IN ('undelivered', 'failed') THEN m.error_code END, sign, sign * coalesce(m.segments, 0));
  -- Per agent and ticket: concurrent writes rarely share a row.
  IF m.direction = 'outbound' AND m.author_id IS NOT NULL AND m.twilio_sid IS NOT NULL THEN
    INSERT INTO reply_rollups AS r (hour, author_id, ticket_id, integration_id, assignee_id, replies)
    VALUES (at_hour, m.author_id, m.ticket_id, t.integration_id, t.assignee_id, sign)
    ON CONFLICT (hour, author_id, ticket_id) DO UPDATE SET replies = r.replies + excluded.replies;
    IF sign < 0 THEN
      DELETE FROM reply_rollups WHERE hour = at_hour AND author_id = m.author_id AND ticket_id = m.ticket_id AND replies <= 0;
    END IF;
  END IF;
END $$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION report_rollup_ticket(ticket uuid, integration uuid, assignee uuid, country text, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO message_rollup_deltas (hour, integration_id, assignee_id, country, direction, status, sent, error_code, messages, segments)
  SELECT date_trunc('hour', m.created_at, 'UTC'), integration, assignee, country, m.direction, m.status, m.twilio_sid IS NOT NULL,
         CASE WHEN m.status IN ('undelivered', 'failed') THEN m.error_code END, sign * count(*), sign * coalesce(sum(m.segments), 0)
  FROM messages m WHERE m.ticket_id = ticket AND m.direction <> 'note'
  GROUP BY 1, 5, 6, 7, 8;
$$;
--> statement-breakpoint

-- Folds every delta this statement sees into message_rollups and deletes it, at once: a report
-- reads either both before or both after. Deltas committed meanwhile wait for the next run; two
-- runs at once share them out (each deletes a row once). Returns how many deltas it folded in.
CREATE FUNCTION report_rollups_compact() RETURNS integer LANGUAGE sql AS $$
  WITH moved AS (
    DELETE FROM message_rollup_deltas
    RETURNING hour, integration_id, assignee_id, country, direction, status, sent, error_code, messages, segments
  ), folded AS (
    INSERT INTO message_rollups AS r (hour, integration_id, assignee_id, country, direction, status, sent, error_code, messages, segments)
    SELECT hour, integration_id, assignee_id, country, direction, status, sent, error_code, sum(messages), sum(segments)
    FROM moved GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (hour, integration_id, assignee_id, country, direction, status, sent, error_code)
    DO UPDATE SET messages = r.messages + excluded.messages, segments = r.segments + excluded.segments
    RETURNING 1
  )
  SELECT count(*)::integer FROM moved;
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM message_rollup_deltas;
  DELETE FROM message_rollups;
  INSERT INTO message_rollups (hour, integration_id, assignee_id, country, direction, status, sent, error_code, messages, segments)
  SELECT date_trunc('hour', m.created_at, 'UTC'), t.integration_id, t.assignee_id, c.country, m.direction, m.status, m.twilio_sid IS NOT NULL,
         CASE WHEN m.status IN ('undelivered', 'failed') THEN m.error_code END, count(*), coalesce(sum(m.segments), 0)
  FROM messages m JOIN tickets t ON t.id = m.ticket_id JOIN customers c ON c.id = t.customer_id
  WHERE m.direction <> 'note'
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  DELETE FROM reply_rollups;
  INSERT INTO reply_rollups (hour, author_id, ticket_id, integration_id, assignee_id, replies)
  SELECT date_trunc('hour', m.created_at, 'UTC'), m.author_id, m.ticket_id, t.integration_id, t.assignee_id, count(*)
  FROM messages m JOIN tickets t ON t.id = m.ticket_id
  WHERE m.direction = 'outbound' AND m.author_id IS NOT NULL AND m.twilio_sid IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;
  UPDATE tickets t
  SET first_inbound_at = f.inbound_at, first_reply_at = f.reply_at, first_reply_by = f.reply_by
  FROM (
    SELECT tk.id,
           min(m.created_at) FILTER (WHERE m.direction = 'inbound') AS inbound_at,
           min(m.created_at) FILTER (WHERE m.direction = 'outbound' AND m.author_id IS NOT NULL AND m.twilio_sid IS NOT NULL) AS reply_at,
           (array_agg(m.author_id ORDER BY m.created_at) FILTER (WHERE m.direction = 'outbound' AND m.author_id IS NOT NULL AND m.twilio_sid IS NOT NULL))[1] AS reply_by
    FROM tickets tk LEFT JOIN messages m ON m.ticket_id = tk.id GROUP BY tk.id
  ) f
  WHERE t.id = f.id AND (t.first_inbound_at, t.first_reply_at, t.first_reply_by) IS DISTINCT FROM (f.inbound_at, f.reply_at, f.reply_by);
$$;
