-- The ledger is append-only and balanced, enforced by the database itself.
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal_entries are append-only: post a reversing entry'); END;
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal_entries are append-only: post a reversing entry'); END;
--> statement-breakpoint
CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
BEGIN SELECT RAISE(ABORT, 'postings are append-only: post a reversing entry'); END;
--> statement-breakpoint
CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
BEGIN SELECT RAISE(ABORT, 'postings are append-only: post a reversing entry'); END;
--> statement-breakpoint
-- An entry declares how many postings it has; nothing can be added after the last one,
-- and a posting's account must belong to the entry's programme year.
CREATE TRIGGER postings_insert_guard BEFORE INSERT ON postings
BEGIN
  SELECT RAISE(ABORT, 'entry_already_complete')
  WHERE (SELECT COUNT(*) FROM postings WHERE entry_id = NEW.entry_id)
     >= (SELECT posting_count FROM journal_entries WHERE id = NEW.entry_id);
  SELECT RAISE(ABORT, 'account_wrong_year')
  WHERE (SELECT year FROM accounts WHERE id = NEW.account_id)
     IS NOT (SELECT year FROM journal_entries WHERE id = NEW.entry_id);
END;
--> statement-breakpoint
-- When the last posting arrives, the entry must balance (debits = credits = debit_total).
CREATE TRIGGER postings_entry_balanced AFTER INSERT ON postings
WHEN (SELECT COUNT(*) FROM postings WHERE entry_id = NEW.entry_id)
   = (SELECT posting_count FROM journal_entries WHERE id = NEW.entry_id)
BEGIN
  SELECT RAISE(ABORT, 'entry_not_balanced')
  WHERE (SELECT SUM(amount) FROM postings WHERE entry_id = NEW.entry_id) <> 0
     OR (SELECT SUM(amount) FROM postings WHERE entry_id = NEW.entry_id AND amount > 0)
        <> (SELECT debit_total FROM journal_entries WHERE id = NEW.entry_id);
END;
--> statement-breakpoint
CREATE TRIGGER accounts_identity_fixed BEFORE UPDATE OF id, year, name, kind, rt_id, category ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts keep their identity'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
