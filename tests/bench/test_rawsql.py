"""Counting what a captured piece of code commits, for the write baselines."""

from bench.rawsql import Statement, commits_in


def statements(*sqls: str) -> list[Statement]:
    return [Statement(sql, None) for sql in sqls]


def test_given_reads_only_then_nothing_is_committed():
    assert commits_in(statements("SELECT 1", "SELECT 2")) == 0


def test_given_writes_in_autocommit_then_each_commits():
    captured = statements("SELECT 1", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 2")

    assert commits_in(captured) == 2


def test_given_an_atomic_block_with_nested_savepoints_then_it_is_one_commit():
    captured = statements(
        'SAVEPOINT "s1"',
        "SELECT 1 FOR UPDATE",
        'SAVEPOINT "s2"',
        "INSERT INTO t VALUES (1)",
        'RELEASE SAVEPOINT "s2"',
        "UPDATE t SET a = 2",
        'RELEASE SAVEPOINT "s1"',
    )

    assert commits_in(captured) == 1


def test_given_a_block_rolled_back_or_only_reading_then_it_commits_nothing():
    captured = statements(
        'SAVEPOINT "s1"',
        "INSERT INTO t VALUES (1)",
        'ROLLBACK TO SAVEPOINT "s1"',
        'RELEASE SAVEPOINT "s1"',
        'SAVEPOINT "s3"',
        "SELECT 1",
        'RELEASE SAVEPOINT "s3"',
    )

    assert commits_in(captured) == 0


def test_given_writes_that_changed_nothing_then_they_commit_nothing():
    captured = [
        Statement("DELETE FROM t WHERE expired", None, rowcount=0),
        Statement("UPDATE t SET a = 1", None, rowcount=1),
    ]

    assert commits_in(captured) == 1


def test_given_transaction_control_then_it_is_neither_read_nor_write():
    assert Statement("BEGIN IMMEDIATE", None).is_transaction_control
    assert not Statement("BEGIN IMMEDIATE", None).writes
    assert Statement("WITH x AS (SELECT 1) SELECT * FROM x", None).writes is False
    assert Statement("DELETE FROM t", None).writes
