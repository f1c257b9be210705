-- A digest of the row an import last applied to each employee (the first 16 bytes of the SHA-256
-- of every field the import writes, and the row's SKP ratings), so that importing a file again
-- finds its unchanged rows with one lookup each instead of comparing every field and rating in
-- the database. A stored digest means "a row with this digest changes nothing": any other change
-- to the employee, and a change or removal of one of its ratings, forgets it, and the next
-- import then compares that row in full. (A rating added for another year does not matter: an
-- import only adds and changes the years its row gives.)
ALTER TABLE employees ADD COLUMN import_digest bytea CHECK (octet_length(import_digest) = 16);

CREATE FUNCTION forget_import_digest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.import_digest := NULL;
    RETURN NEW;
END $$;

-- An update that does not set a new digest itself (an edit, a placement, a rating's version
-- bump, a plan executed) forgets the stored one.
CREATE TRIGGER employees_forget_import_digest BEFORE UPDATE ON employees FOR EACH ROW
    WHEN (OLD.import_digest IS NOT NULL AND NEW.import_digest IS NOT DISTINCT FROM OLD.import_digest)
    EXECUTE FUNCTION forget_import_digest();

CREATE FUNCTION forget_rated_import_digest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE employees SET import_digest = NULL
    WHERE tenant_id = OLD.tenant_id AND id = OLD.employee_id AND import_digest IS NOT NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER employee_performance_forget_import_digest AFTER UPDATE OR DELETE ON employee_performance
    FOR EACH ROW EXECUTE FUNCTION forget_rated_import_digest();
