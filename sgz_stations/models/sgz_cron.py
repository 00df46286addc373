"""Scheduled jobs go on past a record that fails (one place for the rule)."""


def for_each_record(records, process, logger, batch=False):
    """Run ``process(record)`` for each record in its own savepoint.

    A record that raises is rolled back alone, logged with its traceback (as a
    warning: the job itself did not fail) and skipped; the others are processed.
    With ``batch``, ``process(records)`` is first tried on the whole set in one
    savepoint (as few queries as the batch needs) and the records are taken one by
    one only if that fails. Returns the records processed without error.
    """
    if batch and records:
        try:
            with records.env.cr.savepoint():
                process(records)
        except Exception:
            # found again record by record below
            logger.info("%s: the batch failed; one record at a time.", records._name)
        else:
            return records
    done = records.browse()
    for record in records:
        try:
            with record.env.cr.savepoint():
                process(record)
        except Exception:
            # the id only: reading the failed record again could fail too
            logger.warning(
                "%s(%s) failed; the job goes on with the other records.",
                record._name,
                record.id,
                exc_info=True,
            )
        else:
            done |= record
    return done
