package org.homeward.search.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homeward.search.evaluation.SyntheticPeople.Noise;
import org.homeward.search.matching.MatchKeys;
import org.homeward.search.matching.MatchScorer;
import org.homeward.search.matching.MatchScorer.ReportProfile;

/**
 * How well candidates find the right report: every synthetic resident is matched against all
 * reports the way the service does it — blocking keys ({@link MatchKeys}), then {@link MatchScorer},
 * only identifying pairs, best score first — and the rank of its own report gives precision@1
 * (first is right), recall@10 (right one in the top ten) and mean reciprocal rank.
 *
 * <p>Run: {@code ./homeward match-eval [seed] [persons] [distractors] [--without-blocking]} (defaults 42, 500, 5000).
 */
public final class MatchEvaluation {
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_PERSONS = 500;
    public static final int DEFAULT_DISTRACTORS = 5000;

    public record Figures(
            int residents,
            int reports,
            double precisionAt1,
            double recallAt10,
            double meanReciprocalRank,
            Map<Noise, double[]> byNoise) {
        public String line() {
            return String.format(
                    Locale.ROOT,
                    "precision@1 %.3f  recall@10 %.3f  MRR %.3f  (%d residents, %d reports)",
                    precisionAt1,
                    recallAt10,
                    meanReciprocalRank,
                    residents,
                    reports);
        }
    }

    public static Figures evaluate(long seed, int persons, int distractors) {
        return evaluate(seed, persons, distractors, true);
    }

    /** {@code blocking} false scores every report for every resident: what blocking costs in recall. */
    public static Figures evaluate(long seed, int persons, int distractors, boolean blocking) {
        SyntheticPeople.DataSet data = new SyntheticPeople(seed).generate(persons, distractors);
        MatchScorer scorer = new MatchScorer();
        Map<String, List<ReportProfile>> byKey = new HashMap<>();
        for (ReportProfile report : data.reports()) {
            for (String key : MatchKeys.ofReport(report)) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(report);
            }
        }
        double hits1 = 0;
        double hits10 = 0;
        double reciprocal = 0;
        Map<Noise, double[]> byNoise = new EnumMap<>(Noise.class); // count, hits@1, hits@10, reciprocal rank sum
        for (SyntheticPeople.Pair pair : data.pairs()) {
            Set<ReportProfile> blocked = new HashSet<>();
            if (!blocking) {
                blocked.addAll(data.reports());
            }
            for (String key : blocking ? MatchKeys.forResident(pair.resident()) : Set.<String>of()) {
                blocked.addAll(byKey.getOrDefault(key, List.of()));
            }
            record Ranked(UUID reportId, int score) {}
            List<Ranked> ranked = new ArrayList<>();
            for (ReportProfile report : blocked) {
                MatchScorer.Score score = scorer.score(pair.resident(), report);
                if (score.identifying()) {
                    ranked.add(new Ranked(report.reportId(), score.score()));
                }
            }
            // the order of Candidates: score, then ids
            ranked.sort(Comparator.comparingInt(Ranked::score)
                    .reversed()
                    .thenComparing(r -> r.reportId().toString()));
            int rank = 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).reportId().equals(pair.report().reportId())) {
                    rank = i + 1;
                    break;
                }
            }
            double rr = rank == 0 ? 0 : 1.0 / rank;
            hits1 += rank == 1 ? 1 : 0;
            hits10 += rank >= 1 && rank <= 10 ? 1 : 0;
            reciprocal += rr;
            for (Noise noise : pair.noise()) {
                double[] f = byNoise.computeIfAbsent(noise, k -> new double[4]);
                f[0]++;
                f[1] += rank == 1 ? 1 : 0;
                f[2] += rank >= 1 && rank <= 10 ? 1 : 0;
                f[3] += rr;
            }
        }
        int n = data.pairs().size();
        return new Figures(n, data.reports().size(), hits1 / n, hits10 / n, reciprocal / n, byNoise);
    }

    public static void main(String[] all) {
        String[] args = Arrays.stream(all).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        long seed = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SEED;
        int persons = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PERSONS;
        int distractors = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_DISTRACTORS;
        long started = System.nanoTime();
        Figures f = evaluate(seed, persons, distractors);
        System.out.printf(Locale.ROOT, "Candidate matching on synthetic people (seed %d): %s%n", seed, f.line());
        System.out.printf(
                Locale.ROOT, "%-22s %6s %12s %10s %6s%n", "noise", "cases", "precision@1", "recall@10", "MRR");
        for (Map.Entry<Noise, double[]> e : f.byNoise().entrySet()) {
            double[] v = e.getValue();
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %6d %12.3f %10.3f %6.3f%n",
                    e.getKey(),
                    (int) v[0],
                    v[1] / v[0],
                    v[2] / v[0],
                    v[3] / v[0]);
        }
        System.out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - started) / 1e9);
        if (Arrays.asList(all).contains("--without-blocking")) {
            System.out.printf(
                    Locale.ROOT,
                    "Every report scored for every resident (no blocking): %s%n",
                    evaluate(seed, persons, distractors, false).line());
        }
    }

    private MatchEvaluation() {}
}
