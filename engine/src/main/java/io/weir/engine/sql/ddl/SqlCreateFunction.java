package io.weir.engine.sql.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] [TEMPORARY] FUNCTION [IF NOT EXISTS] name AS 'class' [LANGUAGE JAVA]
 * [USING JAR 'a.jar' [, JAR 'b.jar']…] [WITH ('k' = 'v', …)]}: a user-defined function
 * implemented by a class in an uploaded jar. Only {@code JAVA} is accepted as the language.
 */
public final class SqlCreateFunction extends SqlCreate {

  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE FUNCTION", SqlKind.CREATE_FUNCTION);

  /** The only language accepted. */
  public static final String JAVA = "JAVA";

  private final SqlIdentifier name;
  private final boolean temporary;
  private final SqlCharStringLiteral className;
  private final List<SqlCharStringLiteral> jars;
  private final List<SqlTableOption> options;

  public SqlCreateFunction(SqlParserPos pos, boolean replace, boolean temporary,
      boolean ifNotExists, SqlIdentifier name, SqlCharStringLiteral className,
      List<SqlCharStringLiteral> jars, List<SqlTableOption> options) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.temporary = temporary;
    this.className = Objects.requireNonNull(className, "className");
    this.jars = List.copyOf(jars);
    this.options = List.copyOf(options);
  }

  /** The function's name as used in SQL. */
  public SqlIdentifier getName() {
    return name;
  }

  /** Whether {@code TEMPORARY} was given. */
  public boolean isTemporary() {
    return temporary;
  }

  /** Whether {@code IF NOT EXISTS} was given. */
  public boolean isIfNotExists() {
    return ifNotExists;
  }

  /** The fully qualified name of the implementing class. */
  public String getClassName() {
    return DdlUnparse.string(className);
  }

  /** The class name literal, for its position. */
  public SqlCharStringLiteral getClassNameNode() {
    return className;
  }

  /** The implementation language; always {@value #JAVA}. */
  public String getLanguage() {
    return JAVA;
  }

  /** The jar names after {@code USING JAR}, in order; empty when none were given. */
  public List<String> getJars() {
    List<String> names = new ArrayList<>(jars.size());
    for (SqlCharStringLiteral jar : jars) {
      names.add(DdlUnparse.string(jar));
    }
    return Collections.unmodifiableList(names);
  }

  /** The jar literals, for their positions. */
  public List<SqlCharStringLiteral> getJarNodes() {
    return jars;
  }

  /** The {@code WITH} options in declaration order; empty when absent. */
  public Map<String, String> getOptions() {
    return DdlUnparse.options(options);
  }

  /** The {@code WITH} options as nodes, for their positions. */
  public List<SqlTableOption> getOptionNodes() {
    return options;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, className, new SqlNodeList(jars, SqlParserPos.ZERO),
        new SqlNodeList(options, SqlParserPos.ZERO));
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (getReplace()) {
      writer.keyword("OR REPLACE");
    }
    if (temporary) {
      writer.keyword("TEMPORARY");
    }
    writer.keyword("FUNCTION");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("AS");
    className.unparse(writer, leftPrec, rightPrec);
    writer.keyword("LANGUAGE");
    writer.keyword(JAVA);
    if (!jars.isEmpty()) {
      writer.keyword("USING");
      SqlWriter.Frame frame = writer.startList("", "");
      for (SqlCharStringLiteral jar : jars) {
        writer.sep(",");
        writer.keyword("JAR");
        jar.unparse(writer, leftPrec, rightPrec);
      }
      writer.endList(frame);
    }
    DdlUnparse.with(writer, options);
  }
}
