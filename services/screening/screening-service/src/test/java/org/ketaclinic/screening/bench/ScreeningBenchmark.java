package org.ketaclinic.screening.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ketaclinic.screening.Sections;
import org.ketaclinic.screening.criteria.Criteria;
import org.ketaclinic.screening.criteria.Evaluation;
import org.ketaclinic.screening.criteria.ScreeningInput;
import org.ketaclinic.screening.criteria.SuitabilityCriteria;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One screening assessment: every rule of the criteria applied to one clinical section,
 * cycling through the ten worked vignettes (all outcomes, from clear to excluded). Run by
 * infra/load/run; the target is under 50 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScreeningBenchmark {

	private SuitabilityCriteria criteria;

	private List<ScreeningInput> sections;

	private int next;

	@Setup
	public void setUp() {
		this.criteria = new SuitabilityCriteria(Criteria.defaults());
		this.sections = Sections.vignettes().stream().map((vignette) -> Sections.of(vignette.get("input"))).toList();
	}

	@Benchmark
	public Evaluation oneAssessment() {
		ScreeningInput section = this.sections.get(this.next);
		this.next = (this.next + 1) % this.sections.size();
		return this.criteria.evaluate(section);
	}

}
