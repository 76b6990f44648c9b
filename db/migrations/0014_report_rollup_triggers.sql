-- The reports' rollups (message_rollups, reply_rollups) and each ticket's first customer text
-- and first agent reply (tickets.first_*), kept by triggers in the transaction of every write
-- that changes them, then filled in from the rows already stored.

-- A message counted (sign 1) or taken back (sign -1) under its ticket's integration and
-- assignee and its customer's country. Notes are not counted. The ticket row is locked as an
-- update would lock it, so a concurrent reassignment (which moves the ticket's counts) either
-- waits for this transaction or is seen by it, and a later update of the ticket in the same
-- transaction needs no stronger lock.
CREATE FUNCTION report_rollup_message(m messages, sign integer) RETURNS void LANGUAGE plpgsql AS $$
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
  INSERT INTO message_rollups AS r (hour, integration_id, assignee_id, country, direction, status, sent, error_code, messages, segments)
  VALUES (at_hour, t.integration_id, t.assignee_id, t.country, m.direction, m.status, m.twilio_sid IS NOT NULL,
          CASE WHEN m.status IN ('undelivered', 'failed') THEN m.error_code END, sign, sign * coalesce(m.segments, 0))
  ON CONFLICT (hour, integration_id, assignee_id, country, direction, status, sent, error_code)
  DO UPDATE SET messages = r.messages + excluded.messages, segments = r.segments + excluded.segments;
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

-- A ticket's first customer text and first agent reply that Twilio took, worked out again from its messages.
CREATE FUNCTION report_ticket_firsts(ticket uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE tickets t
  SET first_inbound_at = f.inbound_at, first_reply_at = f.reply_at, first_reply_by = f.reply_by
  FROM (
    SELECT (SELECT min(i.created_at) FROM messages i WHERE i.ticket_id = ticket AND i.direction = 'inbound') AS inbound_at,
           r.created_at AS reply_at, r.author_id AS reply_by
    FROM (SELECT 1) one
    LEFT JOIN LATERAL (
      SELECT o.created_at, o.author_id FROM messages o
      WHERE o.ticket_id = ticket AND o.direction = 'outbound' AND o.author_id IS NOT NULL AND o.twilio_sid IS NOT NULL
      ORDER BY o.created_at LIMIT 1
    ) r ON true
  ) f
  WHERE t.id = ticket
    AND (t.first_inbound_at, t.first_reply_at, t.first_reply_by) IS DISTINCT FROM (f.inbound_at, f.reply_at, f.reply_by);
$$;
--> statement-breakpoint

CREATE FUNCTION report_messages_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.ticket_id, OLD.direction, OLD.status, OLD.twilio_sid IS NULL, OLD.error_code, OLD.segments, OLD.created_at, OLD.author_id)
      IS NOT DISTINCT FROM (NEW.ticket_id, NEW.direction, NEW.status, NEW.twilio_sid IS NULL, NEW.error_code, NEW.segments, NEW.created_at, NEW.author_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM report_rollup_message(OLD, -1);
    -- The ticket's first text or first reply went or changed: work both out again.
    IF OLD.direction IN ('inbound', 'outbound') AND EXISTS (
      SELECT 1 FROM tickets t WHERE t.id = OLD.ticket_id AND (t.first_inbound_at = OLD.created_at OR t.first_reply_at = OLD.created_at)
    ) THEN
      PERFORM report_ticket_firsts(OLD.ticket_id);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM report_rollup_message(NEW, 1);
    IF NEW.direction = 'inbound' THEN
      UPDATE tickets SET first_inbound_at = NEW.created_at
      WHERE id = NEW.ticket_id AND (first_inbound_at IS NULL OR first_inbound_at > NEW.created_at);
    ELSIF NEW.direction = 'outbound' AND NEW.author_id IS NOT NULL AND NEW.twilio_sid IS NOT NULL THEN
      UPDATE tickets SET first_reply_at = NEW.created_at, first_reply_by = NEW.author_id
      WHERE id = NEW.ticket_id AND (first_reply_at IS NULL OR first_reply_at > NEW.created_at);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint

CREATE TRIGGER report_messages_changed AFTER INSERT OR UPDATE OR DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION report_messages_changed();
--> statement-breakpoint

-- Every message of a ticket counted (sign 1) or taken back (sign -1) under the given integration, assignee and country.
CREATE FUNCTION report_rollup_ticket(ticket uuid, integration uuid, assignee uuid, country text, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO message_rollups AS r (hour, integration_id, assignee_id, country, direction, status, sent, error_code, messages, segments)
  SELECT date_trunc('hour', m.created_at, 'UTC'), integration, assignee, country, m.direction, m.status, m.twilio_sid IS NOT NULL,
         CASE WHEN m.status IN ('undelivered', 'failed') THEN m.error_code END, sign * count(*), sign * coalesce(sum(m.segments), 0)
  FROM messages m WHERE m.ticket_id = ticket AND m.direction <> 'note'
  GROUP BY 1, 5, 6, 7, 8
  ON CONFLICT (hour, integration_id, assignee_id, country, direction, status, sent, error_code)
  DO UPDATE SET messages = r.messages + excluded.messages, segments = r.segments + excluded.segments;
$$;
--> statement-breakpoint

CREATE FUNCTION report_tickets_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.integration_id, OLD.assignee_id, OLD.customer_id) IS NOT DISTINCT FROM (NEW.integration_id, NEW.assignee_id, NEW.customer_id) THEN
    RETURN NULL;
  END IF;
  PERFORM report_rollup_ticket(OLD.id, OLD.integration_id, OLD.assignee_id, (SELECT country FROM customers WHERE id = OLD.customer_id), -1);
  PERFORM report_rollup_ticket(NEW.id, NEW.integration_id, NEW.assignee_id, (SELECT country FROM customers WHERE id = NEW.customer_id), 1);
  UPDATE reply_rollups SET integration_id = NEW.integration_id, assignee_id = NEW.assignee_id WHERE ticket_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint

CREATE TRIGGER report_tickets_moved AFTER UPDATE OF integration_id, assignee_id, customer_id ON tickets
  FOR EACH ROW EXECUTE FUNCTION report_tickets_moved();
--> statement-breakpoint

-- Before the delete cascades to the messages (whose own trigger then finds no ticket).
CREATE FUNCTION report_tickets_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rollup_ticket(OLD.id, OLD.integration_id, OLD.assignee_id, (SELECT country FROM customers WHERE id = OLD.customer_id), -1);
  DELETE FROM reply_rollups WHERE ticket_id = OLD.id;
  RETURN OLD;
END $$;
--> statement-breakpoint

CREATE TRIGGER report_tickets_deleting BEFORE DELETE ON tickets
  FOR EACH ROW EXECUTE FUNCTION report_tickets_deleting();
--> statement-breakpoint

CREATE FUNCTION report_customers_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  IF OLD.country IS NOT DISTINCT FROM NEW.country THEN RETURN NULL; END IF;
  FOR t IN SELECT id, integration_id, assignee_id FROM tickets WHERE customer_id = NEW.id LOOP
    PERFORM report_rollup_ticket(t.id, t.integration_id, t.assignee_id, OLD.country, -1);
    PERFORM report_rollup_ticket(t.id, t.integration_id, t.assignee_id, NEW.country, 1);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint

CREATE TRIGGER report_customers_moved AFTER UPDATE OF country ON customers
  FOR EACH ROW EXECUTE FUNCTION report_customers_moved();
--> statement-breakpoint

-- Every rollup and every ticket's first text and reply worked out again from the rows
-- themselves: what was stored before the triggers, and a repair should they ever disagree.
CREATE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
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
--> statement-breakpoint

SELECT report_rollups_rebuild();
--> statement-breakpoint

ANALYZE message_rollups;
--> statement-breakpoint
ANALYZE reply_rollups;
