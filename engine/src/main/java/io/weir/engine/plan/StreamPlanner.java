package io.weir.engine.plan;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.graph.WatermarkSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.sql.Catalog;
import io.weir.engine.sql.CatalogSchema;
import io.weir.engine.sql.SqlErrors;
import io.weir.engine.sql.SqlSyntax;
import io.weir.engine.sql.TableDef;
import io.weir.engine.sql.TypeMapping;
import io.weir.engine.sql.WeirFunctions;
import io.weir.engine.sql.WeirTypeSystem;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Plans statements against a {@link Catalog}: validates SQL with Calcite, converts it to
 * relational algebra, rewrites window aggregations with {@link StreamRules}, and translates the
 * result into a {@link JobGraph}. Not thread-safe; create one per statement (it is cheap).
 */
public final class StreamPlanner implements RelOptTable.ViewExpander, SourceSpecs {
  private static final String SCHEMA = "weir";
  private static final String PHYSICAL_SCHEMA = "__physical";

  private final Catalog catalog;
  private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(WeirTypeSystem.INSTANCE);
  private final CalciteCatalogReader catalogReader;
  private final SqlOperatorTable operatorTable;
  private final RelOptCluster cluster;
  private final ScalarSlots slots = new ScalarSlots();

  /** A planned query: the job and what EXPLAIN shows of it. */
  public record PlannedQuery(JobGraph graph, Schema outputSchema, String sinkTable,
      String logicalPlan, String optimizedPlan) {
    /** EXPLAIN's text: the optimized relational plan, then the physical DAG. */
    public String explain() {
      return "== Optimized plan ==\n" + optimizedPlan + "\n== Physical DAG ==\n" + graph.explain();
    }
  }

  public StreamPlanner(Catalog catalog) {
    this.catalog = catalog;
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    root.add(SCHEMA, CatalogSchema.full(catalog));
    root.add(PHYSICAL_SCHEMA, CatalogSchema.physical(catalog));
    Properties props = new Properties();
    props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
    CalciteConnectionConfig config = new CalciteConnectionConfigImpl(props);
    this.catalogReader = new CalciteCatalogReader(root, List.of(SCHEMA), typeFactory, config);
    this.operatorTable = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
        WeirFunctions.TABLE, new UdfOperatorTable(catalog.functions(), typeFactory, slots),
        catalogReader);
    VolcanoPlanner planner = new VolcanoPlanner();
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    this.cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
  }

  /** Plans a query ({@code SELECT …}) or an {@code INSERT INTO … SELECT …}. */
  public PlannedQuery plan(SqlNode statement) {
    checkWindowArguments(statement);
    RelRoot root = toRel(statement);
    String logical = RelOptUtil.toString(root.rel);
    RelNode optimized = optimize(root.project());
    JobGraph graph = new JobGraphBuilder(typeFactory, this, slots).build(optimized);
    String sink = statement instanceof SqlInsert insert
        ? ((SqlIdentifier) insert.getTargetTable()).names.get(((SqlIdentifier) insert.getTargetTable()).names.size() - 1)
        : null;
    Schema output = TypeMapping.schemaOf(root.project().getRowType());
    return new PlannedQuery(graph, output, sink, logical, RelOptUtil.toString(optimized));
  }

  /** The columns a view's query produces (validating it). */
  public Schema validateQuery(SqlNode query) {
    checkWindowArguments(query);
    return TypeMapping.schemaOf(toRel(query).validatedRowType);
  }

  /**
   * The type of a computed column of a table being created, validating its expression against
   * the physical columns.
   */
  public DataType computedColumnType(TableDef tableWithPhysicalColumnsOnly, String expression) {
    Catalog scratch = new Catalog(catalog.functions()); // the table alone, with the functions
    scratch.createTable(tableWithPhysicalColumnsOnly, false);
    StreamPlanner p = new StreamPlanner(scratch);
    SqlNode query = SqlSyntax.parseQuery("SELECT " + expression + " FROM "
        + SqlSyntax.quote(PHYSICAL_SCHEMA) + "." + SqlSyntax.quote(tableWithPhysicalColumnsOnly.name()));
    RelRoot root = p.toRel(query);
    return TypeMapping.toDataType(root.validatedRowType.getFieldList().get(0).getType());
  }

  /** The Weir type a DDL column type stands for (Flink's FLOAT is four bytes). */
  public DataType deriveType(org.apache.calcite.sql.SqlDataTypeSpec spec, boolean nullable) {
    SqlValidator validator = newValidator();
    RelDataType type;
    try {
      type = spec.deriveType(validator);
    } catch (CalciteContextException e) {
      throw SqlErrors.of(e);
    }
    DataType t = TypeMapping.toDataType(type);
    if (type.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.FLOAT) {
      t = DataType.of(DataType.Kind.FLOAT);
    }
    return t.withNullable(nullable);
  }

  @Override
  public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
      List<String> viewPath) {
    SqlNode query = SqlSyntax.parseQuery(queryString);
    return toRel(query);
  }

  @Override
  public SourceSpec sourceSpec(TableDef table) {
    CalcSpec computed = null;
    if (!table.computedColumns().isEmpty()) {
      StringBuilder select = new StringBuilder("SELECT ");
      for (String column : table.physicalSchema().names()) {
        select.append(SqlSyntax.quote(column)).append(", ");
      }
      for (int i = 0; i < table.computedColumns().size(); i++) {
        TableDef.ComputedColumn c = table.computedColumns().get(i);
        select.append(i > 0 ? ", " : "").append(c.expression()).append(" AS ")
            .append(SqlSyntax.quote(c.name()));
      }
      select.append(" FROM ").append(SqlSyntax.quote(PHYSICAL_SCHEMA)).append('.')
          .append(SqlSyntax.quote(table.name()));
      RelNode rel = optimize(toRel(SqlSyntax.parseQuery(select.toString())).project());
      if (!(rel instanceof Calc calc)) {
        throw WeirException.internal("computed columns did not plan to one calc: " + RelOptUtil.toString(rel), null);
      }
      RexProgram program = calc.getProgram();
      for (RexNode e : program.getExprList()) {
        if (ModelCalls.containsModel(e)) {
          throw WeirException.user("table '" + table.name() + "': computed columns cannot call "
              + "model functions (they run batched on the worker pool); call them in the query");
        }
      }
      // Scalar user functions are fine: the source gets their invokers (see SourceDriver).
      computed = CodeGenerator.calc(program, typeFactory, slots);
    }
    WatermarkSpec watermark = null;
    if (table.watermark() != null) {
      watermark = watermarkSpec(table);
    }
    return new SourceSpec(table.name(), table.options(), table.physicalSchema(), table.schema(),
        computed, watermark);
  }

  /** {@code WATERMARK FOR col AS col [- INTERVAL 'n' unit]}: the rowtime column and the delay. */
  public static WatermarkSpec watermarkSpec(TableDef table) {
    TableDef.WatermarkDef wm = table.watermark();
    int index = table.schema().indexOf(wm.column());
    if (index < 0) {
      throw WeirException.user("WATERMARK FOR " + wm.column() + ": table '" + table.name()
          + "' has no such column");
    }
    DataType type = table.schema().field(index).type();
    if (!type.isTimestamp()) {
      throw WeirException.user("WATERMARK FOR " + wm.column() + ": the rowtime column must be "
          + "TIMESTAMP(3) or TIMESTAMP_LTZ(3), but it is " + type);
    }
    SqlNode expr = SqlSyntax.parseExpression(wm.expression());
    long delay;
    if (expr instanceof SqlIdentifier id && id.getSimple().equals(wm.column())) {
      delay = 0;
    } else if (expr instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS
        && call.operand(0) instanceof SqlIdentifier id && id.getSimple().equals(wm.column())
        && call.operand(1) instanceof SqlIntervalLiteral interval) {
      delay = SqlParserUtil.intervalToMillis(
          (SqlIntervalLiteral.IntervalValue) interval.getValue());
      if (delay < 0) {
        throw WeirException.user("WATERMARK FOR " + wm.column() + ": the delay must not be negative");
      }
    } else {
      throw WeirException.user("WATERMARK FOR " + wm.column() + " AS " + wm.expression()
          + ": Weir supports watermarks of the form '" + wm.column() + "' or '" + wm.column()
          + " - INTERVAL 'n' unit'");
    }
    return new WatermarkSpec(index, delay, wm.column() + " - " + delay + "ms");
  }

  private RelRoot toRel(SqlNode statement) {
    SqlValidator validator = newValidator();
    try {
      SqlNode validated = validator.validate(statement);
      SqlToRelConverter converter = new SqlToRelConverter(this, validator, catalogReader, cluster,
          WeirFunctions.CONVERTLETS, SqlToRelConverter.config().withTrimUnusedFields(false)
              .withExpand(false));
      return converter.convertQuery(validated, false, true);
    } catch (CalciteContextException e) {
      throw SqlErrors.of(e);
    }
  }

  private SqlValidator newValidator() {
    return SqlValidatorUtil.newValidator(operatorTable, catalogReader, typeFactory,
        SqlValidator.Config.DEFAULT.withIdentifierExpansion(true)
            .withConformance(SqlSyntax.CONFORMANCE));
  }

  private static RelNode optimize(RelNode rel) {
    HepProgram program = new HepProgramBuilder()
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleCollection(StreamRules.NORMALIZE)
        .addRuleCollection(StreamRules.TO_CALC)
        .addRuleInstance(StreamRules.WINDOW_AGGREGATE)
        .addRuleCollection(StreamRules.TO_CALC)
        .build();
    HepPlanner hep = new HepPlanner(program);
    hep.setRoot(rel);
    return hep.findBestExp();
  }

  /**
   * Checks the constant arguments of every TUMBLE and HOP in the statement, so that a bad size
   * or slide is reported at its line and column (later stages no longer know where it was).
   */
  private static void checkWindowArguments(SqlNode statement) {
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT).replace("$", "");
        if (name.equals("HOP") || name.equals("TUMBLE")) {
          List<Long> intervals = call.getOperandList().stream()
              .map(StreamPlanner::intervalMillis).filter(v -> v != null).toList();
          try {
            if (name.equals("HOP") && intervals.size() >= 2) {
              WindowSpec.hop(intervals.get(0), intervals.get(1));
            } else if (name.equals("TUMBLE") && !intervals.isEmpty()) {
              WindowSpec.tumble(intervals.get(0));
            }
          } catch (WeirException e) {
            throw SqlErrors.at(call.getParserPosition(), e.getMessage());
          }
        }
        return super.visit(call);
      }
    });
  }

  private static Long intervalMillis(SqlNode node) {
    SqlNode n = node;
    if (n instanceof SqlCall c && c.getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
      n = c.operand(0);
    }
    if (n instanceof SqlIntervalLiteral lit) {
      return SqlParserUtil.intervalToMillis((SqlIntervalLiteral.IntervalValue) lit.getValue());
    }
    if (n instanceof SqlCall c && c.getKind() == SqlKind.MINUS_PREFIX
        && c.operand(0) instanceof SqlIntervalLiteral lit) {
      return -SqlParserUtil.intervalToMillis((SqlIntervalLiteral.IntervalValue) lit.getValue());
    }
    return null;
  }
}
