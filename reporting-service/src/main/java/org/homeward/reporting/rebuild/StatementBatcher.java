package org.homeward.reporting.rebuild;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hands fact writers a connection on which every prepared update is only noted, then sends the
 * noted updates in a few round trips on {@link #flush()}: one multi-row INSERT per statement text
 * (up to {@link #MAX_ROWS} rows), or a JDBC batch for any other update. The writers stay as they
 * are (one {@code Sql.update} per fact, whatever columns they add); a rebuild went from one round
 * trip per fact to a few per thousand events (ADR 29).
 * <p>
 * Updates run grouped by statement text, in the order each text was first seen, so the caller
 * flushes between events that must stay in order (a rebuild flushes between the n-th and the
 * n+1-th event of each stream). A multi-row {@code ON CONFLICT DO UPDATE} fails with SQLSTATE
 * 21000 when two rows hit one key; the caller then redoes the work with {@code multiRow} off.
 * A query on the connection first flushes what is noted, so writers that read see their writes.
 */
final class StatementBatcher {
    static final int MAX_ROWS = 500;
    private static final Pattern INSERT_VALUES = Pattern.compile(
            "(?is)^\\s*(INSERT\\s+INTO\\s+[^()]+?(?:\\([^()]*\\))?\\s*VALUES\\s*)(\\((?:[^()']|\\([^()']*\\))*\\))(.*)$");

    private final Connection real;
    private final boolean multiRow;
    private final Map<String, List<List<Call>>> noted = new LinkedHashMap<>();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final Connection proxy;
    private long statements;

    record Call(Method method, Object[] args) {}

    /** An INSERT … VALUES (…) [ON CONFLICT …] that can take many rows: its parts and parameters per row. */
    record Template(String head, String row, String tail, int parameters) {
        String sql(int rows) {
            StringBuilder sql = new StringBuilder(head.length() + rows * (row.length() + 2) + tail.length());
            sql.append(head);
            for (int i = 0; i < rows; i++) {
                sql.append(i == 0 ? "" : ", ").append(row);
            }
            return sql.append(tail).toString();
        }
    }

    StatementBatcher(Connection real, boolean multiRow) {
        this.real = real;
        this.multiRow = multiRow;
        this.proxy = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The connection to give the writers. */
    Connection connection() {
        return proxy;
    }

    /** Statements sent to the database so far (each multi-row INSERT or JDBC batch counts once). */
    long statements() {
        return statements;
    }

    /** Sends everything noted so far. */
    void flush() throws SQLException {
        for (Map.Entry<String, List<List<Call>>> entry : noted.entrySet()) {
            send(entry.getKey(), entry.getValue());
        }
        noted.clear();
    }

    private void send(String sql, List<List<Call>> rows) throws SQLException {
        Template template = multiRow && rows.size() > 1 ? template(sql) : null;
        if (template == null) {
            try (PreparedStatement ps = real.prepareStatement(sql)) {
                for (List<Call> row : rows) {
                    replay(ps, row, 0);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            statements++;
            return;
        }
        for (int from = 0; from < rows.size(); from += MAX_ROWS) {
            int to = Math.min(rows.size(), from + MAX_ROWS);
            try (PreparedStatement ps = real.prepareStatement(template.sql(to - from))) {
                for (int i = from; i < to; i++) {
                    replay(ps, rows.get(i), (i - from) * template.parameters());
                }
                ps.executeUpdate();
            }
            statements++;
        }
    }

    private Template template(String sql) {
        return templates.computeIfAbsent(sql, s -> {
            Matcher m = INSERT_VALUES.matcher(s);
            if (!m.matches()
                    || m.group(3).contains("?")
                    || m.group(3).toUpperCase().contains("RETURNING")
                    || m.group(3).trim().startsWith(",")) {
                return null;
            }
            int parameters = (int) m.group(2).chars().filter(ch -> ch == '?').count();
            return parameters == 0 || parameters * MAX_ROWS > 32_000
                    ? null
                    : new Template(m.group(1), m.group(2), m.group(3), parameters);
        });
    }

    private static void replay(PreparedStatement ps, List<Call> calls, int shift) throws SQLException {
        for (Call call : calls) {
            Object[] args = call.args().clone();
            args[0] = (Integer) args[0] + shift;
            try {
                call.method().invoke(ps, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Object onConnection(Object self, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args.length == 1) {
            String sql = (String) args[0];
            List<Call> calls = new ArrayList<>();
            return Proxy.newProxyInstance(
                    PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    (s, m, a) -> onStatement(sql, calls, m, a));
        }
        if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
            return invoke(real, method, args);
        }
        flush(); // anything else (a query, a commit, another kind of statement) sees what was noted
        return invoke(real, method, args);
    }

    private Object onStatement(String sql, List<Call> calls, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
            calls.add(new Call(method, args));
            return null;
        }
        switch (name) {
            case "executeUpdate", "executeLargeUpdate" -> {
                if (args == null || args.length == 0) {
                    noted.computeIfAbsent(sql, k -> new ArrayList<>()).add(List.copyOf(calls));
                    calls.clear();
                    return name.equals("executeUpdate") ? (Object) 1 : (Object) 1L; // noted: counted as done
                }
            }
            case "clearParameters" -> {
                calls.clear();
                return null;
            }
            case "close", "closeOnCompletion" -> {
                return null;
            }
            case "isClosed" -> {
                return false;
            }
            default -> {}
        }
        // A query or anything else: send what is noted, then run it for real.
        flush();
        PreparedStatement ps = real.prepareStatement(sql);
        replay(ps, calls, 0);
        return invoke(ps, method, args);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
