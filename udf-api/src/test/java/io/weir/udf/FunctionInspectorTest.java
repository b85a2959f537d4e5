package io.weir.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.udf.reflect.FunctionDefinition;
import io.weir.udf.reflect.FunctionInspector;
import io.weir.udf.reflect.FunctionKind;
import io.weir.udf.reflect.Signature;
import io.weir.udf.reflect.UdfDefinitionException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionInspectorTest {

  @UdfDescription(name = "every_type", description = "one overload per type")
  public static final class EveryType {
    @Udf public boolean b(boolean x) { return x; }
    @Udf public Integer i(Integer x) { return x; }
    @Udf public long l(long x, @UdfParameter(value = "when", type = "TIMESTAMP_LTZ(3)") long t) { return x; }
    @Udf public float f(float x) { return x; }
    @Udf public Double d(double x, Double y) { return x; }
    @Udf(returns = "DECIMAL(10, 2)") public BigDecimal dec(@UdfParameter(type = "DECIMAL(5, 1)") BigDecimal x) { return x; }
    @Udf public String s(String x, int n, long m) { return x; }
    @Udf public Instant ltz(Instant x) { return x; }
    @Udf public LocalDateTime ts(LocalDateTime x) { return x; }
    @Udf public List<Double> list(List<String> x, double[] y, String[] z) { return null; }
    @Udf public static double st(double a, double b, double c) { return a; }
  }

  @Test
  void mapsEveryJavaTypeToItsSqlType() {
    FunctionDefinition def = FunctionInspector.inspect(EveryType.class);
    assertEquals(FunctionKind.SCALAR, def.kind());
    assertEquals("every_type", def.suggestedName());
    Map<String, String> byMethod = new java.util.TreeMap<>();
    for (Signature s : def.signatures()) {
      byMethod.put(s.method().getName(), s.text());
    }
    assertEquals("(x BOOLEAN NOT NULL) -> BOOLEAN NOT NULL", byMethod.get("b"));
    assertEquals("(x INT) -> INT", byMethod.get("i"));
    assertEquals("(x BIGINT NOT NULL, when TIMESTAMP_LTZ(3) NOT NULL) -> BIGINT NOT NULL", byMethod.get("l"));
    assertEquals("(x FLOAT NOT NULL) -> FLOAT NOT NULL", byMethod.get("f"));
    assertEquals("(x DOUBLE NOT NULL, y DOUBLE) -> DOUBLE", byMethod.get("d"));
    assertEquals("(x DECIMAL(5, 1)) -> DECIMAL(10, 2)", byMethod.get("dec"));
    assertEquals("(x STRING, n INT NOT NULL, m BIGINT NOT NULL) -> STRING", byMethod.get("s"));
    assertEquals("(x TIMESTAMP_LTZ(3)) -> TIMESTAMP_LTZ(3)", byMethod.get("ltz"));
    assertEquals("(x TIMESTAMP(3)) -> TIMESTAMP(3)", byMethod.get("ts"));
    assertEquals("(x ARRAY<STRING>, y ARRAY<DOUBLE NOT NULL>, z ARRAY<STRING>) -> ARRAY<DOUBLE>",
        byMethod.get("list"));
    assertEquals("(a DOUBLE NOT NULL, b DOUBLE NOT NULL, c DOUBLE NOT NULL) -> DOUBLE NOT NULL",
        byMethod.get("st"));
    assertTrue(def.needsInstance());
  }

  public static final class OnlyStatic {
    private OnlyStatic(int unused) {}

    @Udf public static int twice(int x) { return 2 * x; }
  }

  @Test
  void aStaticOnlyScalarNeedsNoConstructor() {
    FunctionDefinition def = FunctionInspector.inspect(OnlyStatic.class);
    assertFalse(def.needsInstance());
  }

  public record Input(@UdfParameter("value") double v, Double weight) {}

  public static final class WeightedAvg implements AggregateFunction<Input, double[], Double> {
    public double[] initialize() { return new double[2]; }
    public double[] add(Input in, double[] acc) { return acc; }
    public double[] merge(double[] a, double[] b) { return a; }
    public Double result(double[] acc) { return acc[0]; }
  }

  public abstract static class Base<T> implements ModelFunction<T, Double> {}

  public static final class Sub extends Base<Long> {
    public List<Double> predict(List<Long> batch) { return null; }
  }

  public static final class Window implements WindowFunction<Input, List<Double>> {
    public List<Double> apply(List<Input> rows) { return null; }
  }

  @Test
  void readsInputRecordsAndResolvesTypeArgumentsThroughSuperclasses() {
    FunctionDefinition agg = FunctionInspector.inspect(WeightedAvg.class);
    assertEquals(FunctionKind.AGGREGATE, agg.kind());
    assertEquals("(value DOUBLE NOT NULL, weight DOUBLE) -> DOUBLE", agg.signatures().get(0).text());
    assertTrue(agg.signatures().get(0).inputIsRecord());

    FunctionDefinition model = FunctionInspector.inspect(Sub.class);
    assertEquals(FunctionKind.MODEL, model.kind());
    assertEquals("(arg0 BIGINT) -> DOUBLE", model.signatures().get(0).text());

    FunctionDefinition window = FunctionInspector.inspect(Window.class);
    assertEquals(FunctionKind.WINDOW, window.kind());
    assertEquals("(value DOUBLE NOT NULL, weight DOUBLE) -> ARRAY<DOUBLE>",
        window.signatures().get(0).text());
  }

  public static final class Broken {
    public Broken(int x) {}

    @Udf public Object anything(Map<String, String> m, char c) { return null; }
    @Udf public void nothing(int x) {}
    @Udf public String badAnnotation(@UdfParameter(type = "STRING") int x) { return null; }
    @Udf public String unparsable(@UdfParameter(type = "DECIMAL(99, 2)") BigDecimal x) { return null; }
    @Udf int notPublic(int x) { return x; }
    @Udf public long one(int x) { return x; }
    @Udf public long two(Integer y) { return y; }
  }

  @Test
  void reportsEveryProblemNamingMethodParameterAndType() {
    UdfDefinitionException e = assertThrows(UdfDefinitionException.class,
        () -> FunctionInspector.inspect(Broken.class));
    String m = e.getMessage();
    assertTrue(m.contains("public no-argument constructor"), m);
    assertTrue(m.contains("method anything, parameter 1 'm': Java type java.util.Map<java.lang.String, java.lang.String> has no SQL type"), m);
    assertTrue(m.contains("parameter 2 'c': Java type char has no SQL type"), m);
    assertTrue(m.contains("method anything, return type: Java type java.lang.Object has no SQL type"), m);
    assertTrue(m.contains("method nothing returns void"), m);
    assertTrue(m.contains("SQL type STRING does not fit Java type int (it maps to INT NOT NULL)"), m);
    assertTrue(m.contains("cannot read SQL type 'DECIMAL(99, 2)'"), m);
    assertTrue(m.contains("method notPublic is annotated @Udf but is not public"), m);
    assertTrue(m.contains("methods one and two both take [INT]"), m);
    assertTrue(e.problems().size() >= 9, e.problems().toString());
  }

  public static final class NotAFunction {
    public int plain(int x) { return x; }
  }

  @SuppressWarnings("rawtypes")
  public static final class Raw implements ModelFunction {
    public List predict(List batch) { return batch; }
  }

  public static final class Both implements ModelFunction<Double, Double> {
    public List<Double> predict(List<Double> b) { return b; }
    @Udf public double also(double x) { return x; }
  }

  public static final class Unserializable implements AggregateFunction<Double, Thread, Double> {
    public Thread initialize() { return null; }
    public Thread add(Double in, Thread acc) { return acc; }
    public Thread merge(Thread a, Thread b) { return a; }
    public Double result(Thread acc) { return 0.0; }
  }

  static final class Hidden implements ModelFunction<Double, Double> {
    public List<Double> predict(List<Double> b) { return b; }
  }

  @Test
  void refusesClassesThatAreNoFunctionOrSeveralOrUntyped() {
    assertTrue(assertThrows(UdfDefinitionException.class,
        () -> FunctionInspector.inspect(NotAFunction.class)).getMessage().contains("no kind of function"));
    assertTrue(assertThrows(UdfDefinitionException.class,
        () -> FunctionInspector.inspect(Raw.class)).getMessage().contains("without type arguments"));
    assertTrue(assertThrows(UdfDefinitionException.class,
        () -> FunctionInspector.inspect(Both.class)).getMessage().contains("several kinds"));
    assertTrue(assertThrows(UdfDefinitionException.class,
        () -> FunctionInspector.inspect(Unserializable.class)).getMessage()
        .contains("java.lang.Thread must implement java.io.Serializable"));
    assertTrue(assertThrows(UdfDefinitionException.class,
        () -> FunctionInspector.inspect(Hidden.class)).getMessage().contains("must be public"));
  }

  @Test
  void parsesAndPrintsSqlTypes() {
    assertEquals("DECIMAL(10, 2) NOT NULL", SqlType.parse("decimal(10,2) not null").toString());
    assertEquals("ARRAY<ARRAY<DOUBLE NOT NULL>>", SqlType.parse("ARRAY<ARRAY<DOUBLE NOT NULL>>").toString());
    assertEquals("STRING", SqlType.parse("VARCHAR(20)").toString());
    assertEquals("INT", SqlType.parse("INTEGER").toString());
    assertEquals("TIMESTAMP_LTZ(3)", SqlType.parse("TIMESTAMP_LTZ(3)").toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlType.parse("TIMESTAMP(6)"));
    assertTrue(e.getMessage().contains("only precision 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SqlType.parse("MAP<STRING, INT>"));
    assertThrows(IllegalArgumentException.class, () -> SqlType.parse("INT INT"));
  }
}
