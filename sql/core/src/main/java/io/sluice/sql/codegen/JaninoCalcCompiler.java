package io.sluice.sql.codegen;

import io.sluice.engine.operator.CompiledCalc;
import io.sluice.engine.plan.CalcCompiler;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * The {@link CalcCompiler} the SQL layer gives the engine: generates Java source for a Calc's
 * condition and projections ({@link #generateSource}) and compiles it with Janino into a class
 * implementing {@link CompiledCalc}.
 *
 * <p>Compiled classes are cached by input column types, expressions (structurally, types and
 * literal values included) and output column types in an LRU of {@link #DEFAULT_CACHE_SIZE} entries, so a pipeline restarted or
 * planned again reuses its class. Thread-safe: planning threads may compile concurrently; two
 * threads compiling the same new key may both compile, and both then get the first class cached.
 */
public final class JaninoCalcCompiler implements CalcCompiler {
    public static final int DEFAULT_CACHE_SIZE = 256;

    private final Map<Key, Class<? extends CompiledCalc>> cache;

    public JaninoCalcCompiler() {
        this(DEFAULT_CACHE_SIZE);
    }

    public JaninoCalcCompiler(int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cache size must be at least 1, not " + cacheSize);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Class<? extends CompiledCalc>> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each {@code get()} of the returned supplier creates a new instance (with its own matchers
     * and caches); instances are cheap.
     */
    @Override
    public Supplier<CompiledCalc> compile(RowSchema input, Expr condition, List<Expr> projects, RowSchema output) {
        return new InstanceFactory(compileClass(input, condition, projects, output));
    }

    /** The compiled class for a Calc, from the cache when the same Calc was compiled before. */
    public Class<? extends CompiledCalc> compileClass(RowSchema input, Expr condition, List<Expr> projects,
            RowSchema output) {
        // Expr records compare structurally, types and literal values included. Schemas count by
        // their column types only: names do not change the code, so renamed columns share a class.
        Key key = new Key(types(input), condition, List.copyOf(projects), types(output));
        synchronized (cache) {
            Class<? extends CompiledCalc> cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Compile outside the lock: it takes milliseconds and other Calcs should not wait for it.
        Class<? extends CompiledCalc> compiled = cook(generateSource(input, condition, projects, output));
        synchronized (cache) {
            Class<? extends CompiledCalc> raced = cache.get(key);
            if (raced != null) {
                return raced;
            }
            cache.put(key, compiled);
            return compiled;
        }
    }

    /**
     * The Java source that {@link #compile} would compile, for tests and for debugging a plan.
     *
     * @throws IllegalArgumentException if an expression uses an unknown operator or an unsupported
     *                                  combination of types
     */
    public static String generateSource(RowSchema input, Expr condition, List<Expr> projects, RowSchema output) {
        return CalcSourceGenerator.generate(input, condition, projects, output);
    }

    /** Number of classes currently cached. */
    public int cachedClasses() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private static Class<? extends CompiledCalc> cook(String source) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(JaninoCalcCompiler.class.getClassLoader());
        try {
            compiler.cook(source);
            return compiler.getClassLoader().loadClass(CalcSourceGenerator.CLASS_NAME).asSubclass(CompiledCalc.class);
        } catch (CompileException | ClassNotFoundException e) {
            // The generator produced code Janino rejects: a bug here, not in the user's SQL.
            throw new IllegalStateException("generated Calc code does not compile: " + e.getMessage() + "\n" + source, e);
        }
    }

    private static List<DataType> types(RowSchema schema) {
        List<DataType> types = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            types.add(schema.type(i));
        }
        return types;
    }

    private record Key(List<DataType> input, Expr condition, List<Expr> projects, List<DataType> output) {
    }

    /** Creates instances of one compiled class through its public no-argument constructor. */
    private static final class InstanceFactory implements Supplier<CompiledCalc> {
        private final Constructor<? extends CompiledCalc> constructor;

        InstanceFactory(Class<? extends CompiledCalc> type) {
            try {
                this.constructor = type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("generated class has no public constructor", e);
            }
        }

        @Override
        public CompiledCalc get() {
            try {
                return constructor.newInstance();
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot instantiate generated Calc " + constructor.getDeclaringClass(), e);
            }
        }
    }
}
