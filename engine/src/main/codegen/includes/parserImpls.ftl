<#--
  Weir's additions to Calcite's SQL grammar (Parser.jj from calcite-core), in the Flink dialect.
  Included by Parser.jj through "implementationFiles" in config.fmpp; the productions are wired in
  there as statementParserMethods, createStatementParserMethods, dropStatementParserMethods and
  dataTypeParserMethods. All names start with "Weir" so they never clash with Calcite's.
-->

/**
 * Parses a script: statements separated by semicolons; empty statements and a trailing semicolon
 * are allowed. Each statement keeps its first and last token so that its exact source text and
 * position can be recovered (see WeirSqlParser.parseScript).
 */
List<WeirRawStatement> WeirStmtList() :
{
    final List<WeirRawStatement> list = new ArrayList<WeirRawStatement>();
}
{
    [ WeirScriptStatement(list) ]
    (
        <SEMICOLON>
        [ WeirScriptStatement(list) ]
    )*
    <EOF>
    {
        return list;
    }
}

void WeirScriptStatement(List<WeirRawStatement> list) :
{
    final Token first;
    final SqlNode stmt;
}
{
    { first = getToken(1); }
    stmt = SqlStmt()
    {
        list.add(new WeirRawStatement(stmt, first, token));
    }
}

boolean WeirIfNotExists() :
{
}
{
    LOOKAHEAD(3)
    <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean WeirIfExists() :
{
}
{
    LOOKAHEAD(2)
    <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** A single-quoted string, as a character literal without a character set. */
SqlCharStringLiteral WeirString() :
{
    final String value;
}
{
    value = SimpleStringLiteral() {
        return SqlLiteral.createCharString(value, getPos());
    }
}

/** ( 'key' = 'value' [, 'key' = 'value']* ), possibly empty, added to list. */
void WeirOptions(List<SqlTableOption> list) :
{
}
{
    <LPAREN>
    [
        WeirOption(list)
        ( <COMMA> WeirOption(list) )*
    ]
    <RPAREN>
}

void WeirOption(List<SqlTableOption> list) :
{
    final SqlCharStringLiteral key;
    final SqlCharStringLiteral value;
}
{
    key = WeirString() <EQ> value = WeirString() {
        list.add(new SqlTableOption(
            key.getParserPosition().plus(value.getParserPosition()), key, value));
    }
}

/** SHOW TABLES | VIEWS | FUNCTIONS | QUERIES */
SqlNode WeirShow() :
{
    final Span s;
    final SqlShow.Target target;
}
{
    <SHOW> { s = span(); }
    (
        <TABLES> { target = SqlShow.Target.TABLES; }
    |
        <VIEWS> { target = SqlShow.Target.VIEWS; }
    |
        <FUNCTIONS> { target = SqlShow.Target.FUNCTIONS; }
    |
        <QUERIES> { target = SqlShow.Target.QUERIES; }
    )
    {
        return new SqlShow(s.end(this), target);
    }
}

/**
 * DESCRIBE FUNCTION name, DESC FUNCTION name, DESC [TABLE] name. (DESCRIBE [TABLE] name is
 * Calcite's own and gives the same SqlDescribeTable.)
 */
SqlNode WeirDescribe() :
{
    Span s;
    SqlIdentifier id;
}
{
    <DESCRIBE> { s = span(); }
    <FUNCTION> id = CompoundIdentifier() {
        return new SqlDescribeFunction(s.end(id), id);
    }
|
    <DESC> { s = span(); }
    (
        <FUNCTION> id = CompoundIdentifier() {
            return new SqlDescribeFunction(s.end(id), id);
        }
    |
        [ <TABLE> ] id = CompoundIdentifier() {
            return new SqlDescribeTable(s.end(id), id, null);
        }
    )
}

/**
 * SET 'key' = 'value' and a bare SET (Flink SQL client); SET name = value stays Calcite's
 * SqlSetOption.
 */
SqlNode WeirSet() :
{
    final Span s;
    SqlCharStringLiteral key;
    SqlCharStringLiteral value;
    SqlIdentifier name;
    SqlNode val;
}
{
    <SET> { s = span(); }
    (
        key = WeirString() <EQ> value = WeirString() {
            return new SqlSet(s.end(this), key, value);
        }
    |
        name = CompoundIdentifier() <EQ>
        (
            val = Literal()
        |
            val = SimpleIdentifier()
        |
            <ON> {
                val = new SqlIdentifier(token.image.toUpperCase(Locale.ROOT), getPos());
            }
        )
        {
            return new SqlSetOption(s.end(val), null, (SqlNode) name, val);
        }
    |
        {
            return new SqlSet(s.end(this), null, null);
        }
    )
}

/**
 * RESET 'key' and a bare RESET (Flink SQL client); RESET name and RESET ALL stay Calcite's
 * SqlSetOption.
 */
SqlNode WeirReset() :
{
    final Span s;
    SqlCharStringLiteral key;
    SqlIdentifier name;
}
{
    <RESET> { s = span(); }
    (
        key = WeirString() {
            return new SqlReset(s.end(this), key);
        }
    |
        name = CompoundIdentifier() {
            return new SqlSetOption(s.end(name), null, (SqlNode) name, null);
        }
    |
        <ALL> {
            name = new SqlIdentifier(token.image.toUpperCase(Locale.ROOT), getPos());
            return new SqlSetOption(s.end(name), null, (SqlNode) name, null);
        }
    |
        {
            return new SqlReset(s.end(this), null);
        }
    )
}

/** STOP QUERY 'id' */
SqlNode WeirStopQuery() :
{
    final Span s;
    final SqlCharStringLiteral id;
}
{
    <STOP> { s = span(); } <QUERY> id = WeirString() {
        return new SqlStopQuery(s.end(this), id);
    }
}

/**
 * EXPLAIN statement (Flink) and Calcite's EXPLAIN PLAN [options] FOR statement; both give
 * Calcite's SqlExplain (the Flink form with Calcite's defaults).
 */
SqlNode WeirExplain() :
{
    final Span s;
    final SqlNode stmt;
    SqlExplainLevel detailLevel = SqlExplainLevel.EXPPLAN_ATTRIBUTES;
    SqlExplain.Depth depth = SqlExplain.Depth.PHYSICAL;
    SqlExplainFormat format = SqlExplainFormat.TEXT;
}
{
    <EXPLAIN> { s = span(); }
    [
        LOOKAHEAD(2)
        <PLAN>
        [ detailLevel = ExplainDetailLevel() ]
        depth = ExplainDepth()
        [
            <AS>
            (
                <XML> { format = SqlExplainFormat.XML; }
            |
                <JSON> { format = SqlExplainFormat.JSON; }
            |
                <DOT_FORMAT> { format = SqlExplainFormat.DOT; }
            )
        ]
        <FOR>
    ]
    stmt = SqlQueryOrDml()
    {
        return new SqlExplain(s.end(stmt), stmt,
            detailLevel.symbol(SqlParserPos.ZERO),
            depth.symbol(SqlParserPos.ZERO),
            format.symbol(SqlParserPos.ZERO),
            nDynamicParams);
    }
}

/** After CREATE [OR REPLACE]: [TEMPORARY] TABLE | VIEW | FUNCTION ... */
SqlCreate WeirCreate(Span s, boolean replace) :
{
    boolean temporary = false;
    final SqlCreate create;
}
{
    [ <TEMPORARY> { temporary = true; } ]
    (
        create = WeirCreateTable(s, replace, temporary)
    |
        create = WeirCreateView(s, replace, temporary)
    |
        create = WeirCreateFunction(s, replace, temporary)
    )
    {
        return create;
    }
}

SqlCreate WeirCreateTable(Span s, boolean replace, boolean temporary) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final WeirTableElements elements = new WeirTableElements();
    SqlCharStringLiteral comment = null;
    SqlNodeList partitionKeys = SqlNodeList.EMPTY;
    final List<SqlTableOption> withOptions = new ArrayList<SqlTableOption>();
}
{
    <TABLE> ifNotExists = WeirIfNotExists() name = CompoundIdentifier()
    <LPAREN>
    WeirTableElement(elements)
    ( <COMMA> WeirTableElement(elements) )*
    <RPAREN>
    [ <COMMENT> comment = WeirString() ]
    [ <PARTITIONED> <BY> partitionKeys = ParenthesizedSimpleIdentifierList() ]
    [ <WITH> WeirOptions(withOptions) ]
    {
        return WeirParserActions.createTable(s.end(this), replace, temporary, ifNotExists, name,
            elements, comment, partitionKeys, withOptions);
    }
}

/** A column, a WATERMARK FOR clause or a PRIMARY KEY constraint. */
void WeirTableElement(WeirTableElements elements) :
{
    Span s;
    SqlIdentifier name;
    SqlIdentifier constraintName = null;
    SqlNodeList columns;
    SqlNode expression;
}
{
    LOOKAHEAD(2)
    <WATERMARK> { s = span(); } <FOR> name = SimpleIdentifier() <AS>
    expression = Expression(ExprContext.ACCEPT_NON_QUERY) {
        elements.watermarks.add(new SqlWatermark(s.end(expression), name, expression));
    }
|
    (
        <CONSTRAINT> { s = span(); } constraintName = SimpleIdentifier() <PRIMARY>
    |
        <PRIMARY> { s = span(); }
    )
    <KEY> columns = ParenthesizedSimpleIdentifierList()
    WeirNotEnforced() {
        elements.primaryKeys.add(new SqlPrimaryKey(s.end(this), constraintName, columns));
    }
|
    WeirColumn(elements)
}

/** Optional NOT ENFORCED after a primary key; Weir never enforces keys. */
void WeirNotEnforced() :
{
}
{
    [ <NOT> <ENFORCED> ]
}

/**
 * name type [NOT NULL] [METADATA [FROM 'key'] [VIRTUAL]] [PRIMARY KEY [NOT ENFORCED]] [COMMENT '…']
 * or name AS expression [COMMENT '…'].
 */
void WeirColumn(WeirTableElements elements) :
{
    final SqlIdentifier name;
    SqlDataTypeSpec type = null;
    SqlNode expression = null;
    boolean nullable = true;
    boolean metadata = false;
    SqlCharStringLiteral metadataKey = null;
    boolean virtual = false;
    Span keySpan = null;
    SqlCharStringLiteral comment = null;
}
{
    name = SimpleIdentifier()
    (
        <AS> expression = Expression(ExprContext.ACCEPT_NON_QUERY)
    |
        type = DataType()
        nullable = NullableOptDefaultTrue()
        [
            <METADATA> { metadata = true; }
            [ <FROM> metadataKey = WeirString() ]
            [ <VIRTUAL> { virtual = true; } ]
        ]
        [
            <PRIMARY> { keySpan = span(); } <KEY> WeirNotEnforced()
        ]
    )
    [ <COMMENT> comment = WeirString() ]
    {
        elements.addColumn(name.getParserPosition().plus(getPos()), name, type, nullable,
            expression, metadata, metadataKey, virtual, comment,
            keySpan == null ? null : keySpan.end(this));
    }
}

SqlCreate WeirCreateView(Span s, boolean replace, boolean temporary) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    SqlCharStringLiteral comment = null;
    final SqlNode query;
}
{
    <VIEW> ifNotExists = WeirIfNotExists() name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    [ <COMMENT> comment = WeirString() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateView(s.end(query), replace, temporary, ifNotExists, name, columns,
            comment, query);
    }
}

SqlCreate WeirCreateFunction(Span s, boolean replace, boolean temporary) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlCharStringLiteral className;
    SqlIdentifier language;
    final List<SqlCharStringLiteral> jars = new ArrayList<SqlCharStringLiteral>();
    final List<SqlTableOption> withOptions = new ArrayList<SqlTableOption>();
}
{
    <FUNCTION> ifNotExists = WeirIfNotExists() name = CompoundIdentifier()
    <AS> className = WeirString()
    [
        <LANGUAGE> language = SimpleIdentifier() {
            WeirParserActions.checkLanguage(language);
        }
    ]
    [
        <USING> WeirJar(jars)
        ( <COMMA> WeirJar(jars) )*
    ]
    [ <WITH> WeirOptions(withOptions) ]
    {
        return WeirParserActions.createFunction(s.end(this), replace, temporary, ifNotExists,
            name, className, jars, withOptions);
    }
}

void WeirJar(List<SqlCharStringLiteral> jars) :
{
    final SqlCharStringLiteral jar;
}
{
    <JAR> jar = WeirString() {
        jars.add(jar);
    }
}

/** After DROP: [TEMPORARY] TABLE | VIEW | FUNCTION [IF EXISTS] name */
SqlDrop WeirDrop(Span s, boolean replace) :
{
    boolean temporary = false;
    boolean ifExists;
    SqlIdentifier name;
}
{
    [ <TEMPORARY> { temporary = true; } ]
    (
        <TABLE> ifExists = WeirIfExists() name = CompoundIdentifier() {
            return new SqlDropTable(s.end(name), temporary, ifExists, name);
        }
    |
        <VIEW> ifExists = WeirIfExists() name = CompoundIdentifier() {
            return new SqlDropView(s.end(name), temporary, ifExists, name);
        }
    |
        <FUNCTION> ifExists = WeirIfExists() name = CompoundIdentifier() {
            return new SqlDropFunction(s.end(name), temporary, ifExists, name);
        }
    )
}

/** Flink's ARRAY<T> and ARRAY<T NOT NULL> (Calcite's T ARRAY keeps working). */
SqlTypeNameSpec WeirArrayType() :
{
    final Span s;
    final SqlDataTypeSpec element;
    boolean elementNullable = true;
}
{
    <ARRAY> { s = span(); }
    <LT>
    element = DataType()
    [ <NOT> <NULL> { elementNullable = false; } | <NULL> ]
    <GT>
    {
        return new SqlArrayTypeNameSpec(element.getTypeNameSpec(), elementNullable, s.end(this));
    }
}

/** Flink's STRING: VARCHAR of the largest length. */
SqlTypeNameSpec WeirStringType() :
{
}
{
    <STRING> {
        return SqlMaxLengthTypeNameSpec.string(getPos());
    }
}

/** Flink's BYTES: VARBINARY of the largest length. */
SqlTypeNameSpec WeirBytesType() :
{
}
{
    <BYTES> {
        return SqlMaxLengthTypeNameSpec.bytes(getPos());
    }
}

/** Flink's TIMESTAMP_LTZ[(p)]: TIMESTAMP[(p)] WITH LOCAL TIME ZONE. */
SqlTypeNameSpec WeirTimestampLtzType() :
{
    final Span s;
    final int precision;
}
{
    <TIMESTAMP_LTZ> { s = span(); }
    precision = PrecisionOpt()
    {
        return new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, precision,
            s.end(this));
    }
}
