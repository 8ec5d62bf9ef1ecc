package io.sluice.sql.codegen;

import static io.sluice.sql.codegen.CalcTester.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.engine.plan.expr.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalcSmokeTest {
    @Test
    void printsAndRuns() {
        var e = call(Ops.PLUS, BIGINT, ref(0, INT), ref(1, BIGINT));
        var cond = call(Ops.AND, BOOLEAN, call(Ops.GREATER_THAN, BOOLEAN, ref(0, INT), lit(0)),
                call(Ops.LIKE, BOOLEAN, ref(2, VARCHAR), lit("a.b%")));
        System.out.println(JaninoCalcCompiler.generateSource(schema(INT, BIGINT, VARCHAR), cond,
                List.of(e, ref(2, VARCHAR), call(Ops.CASE, INT, call(Ops.NOT_EQUALS, BOOLEAN, ref(0, INT), lit(0)),
                        call(Ops.DIVIDE, INT, lit(10), ref(0, INT)), nullLit(INT))), schema(BIGINT, VARCHAR, INT)));
        assertEquals(5L, evalWith(e, types(INT, BIGINT), 2, 3L));
    }
}
