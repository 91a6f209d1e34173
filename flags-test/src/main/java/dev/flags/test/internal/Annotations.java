package dev.flags.test.internal;

import java.lang.annotation.Annotation;
import java.lang.annotation.Repeatable;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the kit's annotations where a test's setup comes from, farthest first, so that a later
 * one overrides an earlier one: the enclosing classes of a {@code @Nested} class (outermost
 * first), then each class from the topmost superclass down, then the test method. On each element
 * the annotations declared on it count, in repeated containers and on meta-annotations (an
 * annotation of yours annotated with ours), at any depth.
 */
public final class Annotations {
  private Annotations() {}

  /**
   * The annotations of a type that apply to a test, farthest first.
   *
   * @param <A> the annotation type
   * @param testClass the test class
   * @param testMethod the test method, or null for the class alone
   * @param type the annotation type (repeatable or not)
   * @return the annotations, farthest first
   */
  public static <A extends Annotation> List<A> forTest(
      Class<?> testClass, @Nullable Method testMethod, Class<A> type) {
    List<A> out = new ArrayList<>();
    for (AnnotatedElement e : elements(testClass, testMethod)) {
      out.addAll(declared(e, type));
    }
    return out;
  }

  /**
   * Where a test's setup comes from, farthest first.
   *
   * @param testClass the test class
   * @param testMethod the test method, or null for the class alone
   * @return the classes, then the method
   */
  public static List<AnnotatedElement> elements(Class<?> testClass, @Nullable Method testMethod) {
    List<AnnotatedElement> out = new ArrayList<>(classes(testClass));
    if (testMethod != null) {
      out.add(testMethod);
    }
    return out;
  }

  /** Enclosing classes of inner classes (outermost first), then each one's superclasses. */
  private static List<Class<?>> classes(Class<?> testClass) {
    Deque<Class<?>> enclosing = new ArrayDeque<>();
    for (Class<?> c = testClass; c != null; ) {
      enclosing.addFirst(c);
      c = isInner(c) ? c.getEnclosingClass() : null;
    }
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : enclosing) {
      Deque<Class<?>> hierarchy = new ArrayDeque<>();
      for (Class<?> s = c; s != null && s != Object.class; s = s.getSuperclass()) {
        hierarchy.addFirst(s);
      }
      for (Class<?> s : hierarchy) {
        if (!out.contains(s)) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static boolean isInner(Class<?> c) {
    return c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers());
  }

  /**
   * The annotations of a type declared on one element: directly, in repeated containers or on
   * meta-annotations.
   *
   * @param <A> the annotation type
   * @param element a class or method
   * @param type the annotation type
   * @return the annotations
   */
  public static <A extends Annotation> List<A> declared(AnnotatedElement element, Class<A> type) {
    List<A> out = new ArrayList<>();
    collect(element.getDeclaredAnnotations(), type, out, new HashSet<>());
    return out;
  }

  private static <A extends Annotation> void collect(
      Annotation[] annotations, Class<A> type, List<A> out, Set<Class<?>> visited) {
    Class<? extends Annotation> container = containerOf(type);
    for (Annotation a : annotations) {
      Class<? extends Annotation> t = a.annotationType();
      if (t == type) {
        out.add(type.cast(a));
      } else if (t == container) {
        for (Annotation inner : containedIn(a)) {
          out.add(type.cast(inner));
        }
      } else if (!t.getName().startsWith("java.lang.annotation.") && visited.add(t)) {
        collect(t.getDeclaredAnnotations(), type, out, visited);
      }
    }
  }

  private static @Nullable Class<? extends Annotation> containerOf(Class<?> type) {
    Repeatable r = type.getAnnotation(Repeatable.class);
    return r == null ? null : r.value();
  }

  private static Annotation[] containedIn(Annotation container) {
    try {
      return (Annotation[]) container.annotationType().getMethod("value").invoke(container);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + container, e);
    }
  }
}
