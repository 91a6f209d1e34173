package dev.flags.spring.internal;

import dev.flags.spring.RequestFlags;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a Spring MVC handler method take the request's {@link RequestFlags} as a parameter. */
public final class RequestFlagsArgumentResolver implements HandlerMethodArgumentResolver {
  /** A resolver. */
  public RequestFlagsArgumentResolver() {}

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == RequestFlags.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      @Nullable ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      @Nullable WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    if (request == null) {
      throw new IllegalStateException("RequestFlags needs a servlet request");
    }
    return RequestFlags.of(request);
  }
}
