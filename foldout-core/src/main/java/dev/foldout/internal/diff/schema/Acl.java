package dev.foldout.internal.diff.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Grants from {@code aclitem} text ({@code grantee=privileges/grantor}, an empty grantee meaning PUBLIC),
 * compared without their grantors, and the GRANT/REVOKE statements that turn one set into the other.
 */
final class Acl {
    private Acl() {
    }

    /** One privilege held by one grantee ("" for PUBLIC). */
    record Grant(String grantee, String privilege, boolean grantable) implements Comparable<Grant> {
        @Override
        public int compareTo(Grant o) {
            int c = grantee.compareTo(o.grantee);
            c = c != 0 ? c : privilege.compareTo(o.privilege);
            return c != 0 ? c : Boolean.compare(grantable, o.grantable);
        }
    }

    private static final Map<Character, String> PRIVILEGES = Map.ofEntries(
            Map.entry('r', "SELECT"), Map.entry('a', "INSERT"), Map.entry('w', "UPDATE"), Map.entry('d', "DELETE"),
            Map.entry('D', "TRUNCATE"), Map.entry('x', "REFERENCES"), Map.entry('t', "TRIGGER"),
            Map.entry('X', "EXECUTE"), Map.entry('U', "USAGE"), Map.entry('C', "CREATE"), Map.entry('c', "CONNECT"),
            Map.entry('T', "TEMPORARY"), Map.entry('m', "MAINTAIN"), Map.entry('s', "SET"), Map.entry('A', "ALTER SYSTEM"));

    /** The grants of an ACL, leaving out those the owner holds (an owner's rights go with ownership). */
    static TreeSet<Grant> parse(List<String> acl, String owner) {
        TreeSet<Grant> out = new TreeSet<>();
        for (String item : acl) {
            int[] end = new int[1];
            String grantee = name(item, 0, end);
            if (Objects.equals(grantee, owner)) {
                continue;
            }
            int slash = item.lastIndexOf('/');
            String privs = item.substring(end[0] + 1, slash < end[0] ? item.length() : slash);
            for (int i = 0; i < privs.length(); i++) {
                String p = PRIVILEGES.get(privs.charAt(i));
                if (p == null) {
                    throw new IllegalArgumentException("unknown privilege '" + privs.charAt(i) + "' in " + item);
                }
                boolean grantable = i + 1 < privs.length() && privs.charAt(i + 1) == '*';
                out.add(new Grant(grantee, p, grantable));
                if (grantable) {
                    i++;
                }
            }
        }
        return out;
    }

    /** The name starting at {@code from}, unquoted; {@code end[0]} is set to the index of the '='. */
    static String name(String item, int from, int[] end) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        if (i < item.length() && item.charAt(i) == '"') {
            i++;
            while (i < item.length()) {
                char ch = item.charAt(i);
                if (ch == '"' && i + 1 < item.length() && item.charAt(i + 1) == '"') {
                    sb.append('"');
                    i += 2;
                } else if (ch == '"') {
                    i++;
                    break;
                } else {
                    sb.append(ch);
                    i++;
                }
            }
        } else {
            while (i < item.length() && item.charAt(i) != '=') {
                sb.append(item.charAt(i++));
            }
        }
        end[0] = i;
        return sb.toString();
    }

    /**
     * REVOKE then GRANT statements turning {@code from} into {@code to}.
     *
     * @param on      e.g. {@code TABLE "s"."t"}
     * @param columns e.g. {@code  ("c")} for column privileges, else empty
     */
    static List<String> statements(TreeSet<Grant> from, TreeSet<Grant> to, String on, String columns) {
        List<String> out = new ArrayList<>();
        Map<String, List<String>> revoke = new LinkedHashMap<>();
        Map<String, List<String>> grant = new LinkedHashMap<>();
        for (Grant g : from) {
            if (!to.contains(g)) {
                revoke.computeIfAbsent(g.grantee, k -> new ArrayList<>()).add(g.privilege);
            }
        }
        for (Grant g : to) {
            if (!from.contains(g)) {
                grant.computeIfAbsent(g.grantee + (g.grantable ? "\0*" : ""), k -> new ArrayList<>()).add(g.privilege);
            }
        }
        revoke.forEach((who, privs) -> out.add("REVOKE " + withColumns(privs, columns) + " ON " + on + " FROM "
                + grantee(who) + ";"));
        grant.forEach((key, privs) -> {
            boolean option = key.endsWith("\0*");
            String who = option ? key.substring(0, key.length() - 2) : key;
            out.add("GRANT " + withColumns(privs, columns) + " ON " + on + " TO " + grantee(who)
                    + (option ? " WITH GRANT OPTION" : "") + ";");
        });
        return out;
    }

    private static String withColumns(List<String> privs, String columns) {
        return columns.isEmpty() ? String.join(", ", privs)
                : String.join(", ", privs.stream().map(p -> p + columns).toList());
    }

    private static String grantee(String who) {
        return who.isEmpty() ? "PUBLIC" : Sql.q(who);
    }
}
