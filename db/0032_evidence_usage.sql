-- custom SQL (keep on merge)
-- An RT's yearly evidence quota (EVIDENCE_QUOTA_MB_PER_RT_YEAR) read from a table of its own: the
-- distinct files its receipts (any status) and its plans (berita acara, plan documents) of a year
-- hold, one row each with the file's size, kept by triggers inside the writer's own transaction.
-- Summed by a join over receipts, receipt_files and evidence_files, every upload asked three
-- times (~0,3 ms each on the city's RTs, on the thread that serves requests); one range of this
-- table answers the same. `npm run verify` holds it to that join (evidence-quota.ts).
CREATE TABLE IF NOT EXISTS `evidence_usage` (
	`rt_id` integer NOT NULL,
	`year` integer NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	PRIMARY KEY (`rt_id`, `year`, `sha256`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS evidence_usage_receipt_file_insert AFTER INSERT ON receipt_files
    BEGIN INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
      SELECT r.rt_id, r.year, NEW.sha256, ef.size FROM receipts r JOIN evidence_files ef ON ef.sha256 = NEW.sha256 WHERE r.id = NEW.receipt_id; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS evidence_usage_plan_document_insert AFTER INSERT ON plan_documents
    BEGIN INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
      SELECT p.rt_id, p.year, NEW.sha256, ef.size FROM plans p JOIN evidence_files ef ON ef.sha256 = NEW.sha256 WHERE p.id = NEW.plan_id; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS evidence_usage_plan_insert AFTER INSERT ON plans WHEN NEW.berita_acara_sha256 IS NOT NULL
    BEGIN INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
      SELECT NEW.rt_id, NEW.year, ef.sha256, ef.size FROM evidence_files ef WHERE ef.sha256 = NEW.berita_acara_sha256; END;
--> statement-breakpoint
-- A replaced berita acara no longer counts unless another record of the RT's year still holds it
-- (likewise a file reference deleted, which no use case does today).
CREATE TRIGGER IF NOT EXISTS evidence_usage_plan_berita_acara AFTER UPDATE OF berita_acara_sha256 ON plans
    BEGIN
      INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
        SELECT NEW.rt_id, NEW.year, ef.sha256, ef.size FROM evidence_files ef WHERE ef.sha256 = NEW.berita_acara_sha256;
      DELETE FROM evidence_usage WHERE rt_id = OLD.rt_id AND year = OLD.year AND sha256 = OLD.berita_acara_sha256
        AND OLD.berita_acara_sha256 IS NOT NEW.berita_acara_sha256
        AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.rt_id = OLD.rt_id AND p.year = OLD.year AND p.berita_acara_sha256 = OLD.berita_acara_sha256)
        AND NOT EXISTS (SELECT 1 FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE p.rt_id = OLD.rt_id AND p.year = OLD.year AND d.sha256 = OLD.berita_acara_sha256)
        AND NOT EXISTS (SELECT 1 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id WHERE r.rt_id = OLD.rt_id AND r.year = OLD.year AND rf.sha256 = OLD.berita_acara_sha256);
    END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS evidence_usage_receipt_file_delete AFTER DELETE ON receipt_files
    BEGIN DELETE FROM evidence_usage WHERE sha256 = OLD.sha256 AND (rt_id, year) IN (SELECT rt_id, year FROM receipts WHERE id = OLD.receipt_id)
        AND NOT EXISTS (SELECT 1 FROM plans p WHERE (p.rt_id, p.year) IN (SELECT rt_id, year FROM receipts WHERE id = OLD.receipt_id) AND p.berita_acara_sha256 = OLD.sha256)
        AND NOT EXISTS (SELECT 1 FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE (p.rt_id, p.year) IN (SELECT rt_id, year FROM receipts WHERE id = OLD.receipt_id) AND d.sha256 = OLD.sha256)
        AND NOT EXISTS (SELECT 1 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id WHERE (r.rt_id, r.year) IN (SELECT rt_id, year FROM receipts WHERE id = OLD.receipt_id) AND rf.sha256 = OLD.sha256); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS evidence_usage_plan_document_delete AFTER DELETE ON plan_documents
    BEGIN DELETE FROM evidence_usage WHERE sha256 = OLD.sha256 AND (rt_id, year) IN (SELECT rt_id, year FROM plans WHERE id = OLD.plan_id)
        AND NOT EXISTS (SELECT 1 FROM plans p WHERE (p.rt_id, p.year) IN (SELECT rt_id, year FROM plans WHERE id = OLD.plan_id) AND p.berita_acara_sha256 = OLD.sha256)
        AND NOT EXISTS (SELECT 1 FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE (p.rt_id, p.year) IN (SELECT rt_id, year FROM plans WHERE id = OLD.plan_id) AND d.sha256 = OLD.sha256)
        AND NOT EXISTS (SELECT 1 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id WHERE (r.rt_id, r.year) IN (SELECT rt_id, year FROM plans WHERE id = OLD.plan_id) AND rf.sha256 = OLD.sha256); END;
--> statement-breakpoint
INSERT OR IGNORE INTO evidence_usage (rt_id, year, sha256, size)
  SELECT u.rt_id, u.year, u.sha256, ef.size FROM (
    SELECT r.rt_id, r.year, rf.sha256 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id
    UNION SELECT p.rt_id, p.year, p.berita_acara_sha256 FROM plans p WHERE p.berita_acara_sha256 IS NOT NULL
    UNION SELECT p.rt_id, p.year, d.sha256 FROM plan_documents d JOIN plans p ON p.id = d.plan_id
  ) u JOIN evidence_files ef ON ef.sha256 = u.sha256;
