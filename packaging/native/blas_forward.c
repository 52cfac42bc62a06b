/* OpenCV's LAPACK/CBLAS entry points (32-bit integers, as its bundled libopenblasp
 * exports them) forwarded to numpy's scipy-openblas64 (64-bit integers), so a Linux
 * build carries one OpenBLAS instead of two (OpenCV's is 47 MB with libgfortran).
 * Built by packaging/opencv_libs.py with the SONAME of the library it replaces; the
 * functions are the ones cv2.abi3.so imports (checked there at build time).
 * Fortran's hidden string lengths are passed as 1 (every character argument is one
 * letter); integer arrays that LAPACK writes (pivots) are converted back, workspace
 * integer arrays are allocated here at 64 bits. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef int32_t i32;
typedef int64_t i64;

static i64 *ints64(i64 n)
{
    i64 *p = malloc(sizeof(i64) * (size_t)(n > 0 ? n : 1));
    if (!p) {
        fputs("SR Studio: out of memory in the OpenBLAS forwarder\n", stderr);
        abort();
    }
    return p;
}

static i64 min64(i64 a, i64 b) { return a < b ? a : b; }

/* ---- CBLAS gemm ---------------------------------------------------------------- */
#define GEMM_REAL(name, T)                                                             \
    void scipy_cblas_##name##64_(int, int, int, i64, i64, i64, T, const T *, i64,      \
                                 const T *, i64, T, T *, i64);                         \
    void cblas_##name(int order, int ta, int tb, i32 m, i32 n, i32 k, T alpha,         \
                      const T *a, i32 lda, const T *b, i32 ldb, T beta, T *c, i32 ldc) \
    {                                                                                  \
        scipy_cblas_##name##64_(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta,   \
                                c, ldc);                                               \
    }
GEMM_REAL(sgemm, float)
GEMM_REAL(dgemm, double)

#define GEMM_COMPLEX(name)                                                             \
    void scipy_cblas_##name##64_(int, int, int, i64, i64, i64, const void *,           \
                                 const void *, i64, const void *, i64, const void *,   \
                                 void *, i64);                                         \
    void cblas_##name(int order, int ta, int tb, i32 m, i32 n, i32 k,                  \
                      const void *alpha, const void *a, i32 lda, const void *b,        \
                      i32 ldb, const void *beta, void *c, i32 ldc)                     \
    {                                                                                  \
        scipy_cblas_##name##64_(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta,   \
                                c, ldc);                                               \
    }
GEMM_COMPLEX(cgemm)
GEMM_COMPLEX(zgemm)

/* ---- LAPACK ------------------------------------------------------------------------ */
#define GESV(p, T)                                                                     \
    void scipy_##p##gesv_64_(const i64 *, const i64 *, T *, const i64 *, i64 *, T *,   \
                             const i64 *, i64 *);                                      \
    void p##gesv_(const i32 *n, const i32 *nrhs, T *a, const i32 *lda, i32 *ipiv,      \
                  T *b, const i32 *ldb, i32 *info)                                     \
    {                                                                                  \
        i64 n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb, info_ = 0;               \
        i64 *piv = ints64(n_);                                                         \
        scipy_##p##gesv_64_(&n_, &nrhs_, a, &lda_, piv, b, &ldb_, &info_);             \
        for (i64 i = 0; i < n_; i++) ipiv[i] = (i32)piv[i];                            \
        free(piv);                                                                     \
        *info = (i32)info_;                                                            \
    }
GESV(s, float)
GESV(d, double)

#define GETRF(p, T)                                                                    \
    void scipy_##p##getrf_64_(const i64 *, const i64 *, T *, const i64 *, i64 *,       \
                              i64 *);                                                  \
    void p##getrf_(const i32 *m, const i32 *n, T *a, const i32 *lda, i32 *ipiv,        \
                   i32 *info)                                                          \
    {                                                                                  \
        i64 m_ = *m, n_ = *n, lda_ = *lda, info_ = 0, k = min64(m_, n_);               \
        i64 *piv = ints64(k);                                                          \
        scipy_##p##getrf_64_(&m_, &n_, a, &lda_, piv, &info_);                         \
        for (i64 i = 0; i < k; i++) ipiv[i] = (i32)piv[i];                             \
        free(piv);                                                                     \
        *info = (i32)info_;                                                            \
    }
GETRF(s, float)
GETRF(d, double)

#define GELS(p, T)                                                                     \
    void scipy_##p##gels_64_(const char *, const i64 *, const i64 *, const i64 *, T *, \
                             const i64 *, T *, const i64 *, T *, const i64 *, i64 *,   \
                             size_t);                                                  \
    void p##gels_(const char *trans, const i32 *m, const i32 *n, const i32 *nrhs,      \
                  T *a, const i32 *lda, T *b, const i32 *ldb, T *work,                 \
                  const i32 *lwork, i32 *info)                                         \
    {                                                                                  \
        i64 m_ = *m, n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb;                 \
        i64 lwork_ = *lwork, info_ = 0;                                                \
        scipy_##p##gels_64_(trans, &m_, &n_, &nrhs_, a, &lda_, b, &ldb_, work,         \
                            &lwork_, &info_, 1);                                       \
        *info = (i32)info_;                                                            \
    }
GELS(s, float)
GELS(d, double)

#define GEQRF(p, T)                                                                    \
    void scipy_##p##geqrf_64_(const i64 *, const i64 *, T *, const i64 *, T *, T *,    \
                              const i64 *, i64 *);                                     \
    void p##geqrf_(const i32 *m, const i32 *n, T *a, const i32 *lda, T *tau, T *work,  \
                   const i32 *lwork, i32 *info)                                        \
    {                                                                                  \
        i64 m_ = *m, n_ = *n, lda_ = *lda, lwork_ = *lwork, info_ = 0;                 \
        scipy_##p##geqrf_64_(&m_, &n_, a, &lda_, tau, work, &lwork_, &info_);          \
        *info = (i32)info_;                                                            \
    }
GEQRF(s, float)
GEQRF(d, double)

#define GESDD(p, T)                                                                    \
    void scipy_##p##gesdd_64_(const char *, const i64 *, const i64 *, T *,             \
                              const i64 *, T *, T *, const i64 *, T *, const i64 *,    \
                              T *, const i64 *, i64 *, i64 *, size_t);                 \
    void p##gesdd_(const char *jobz, const i32 *m, const i32 *n, T *a, const i32 *lda, \
                   T *s, T *u, const i32 *ldu, T *vt, const i32 *ldvt, T *work,        \
                   const i32 *lwork, i32 *iwork, i32 *info)                            \
    {                                                                                  \
        (void)iwork; /* workspace only: LAPACK wants 8*min(m,n) integers of its size */ \
        i64 m_ = *m, n_ = *n, lda_ = *lda, ldu_ = *ldu, ldvt_ = *ldvt;                 \
        i64 lwork_ = *lwork, info_ = 0;                                                \
        i64 *iw = ints64(8 * min64(m_, n_));                                           \
        scipy_##p##gesdd_64_(jobz, &m_, &n_, a, &lda_, s, u, &ldu_, vt, &ldvt_, work,  \
                             &lwork_, iw, &info_, 1);                                  \
        free(iw);                                                                      \
        *info = (i32)info_;                                                            \
    }
GESDD(s, float)
GESDD(d, double)

#define POSV(p, T)                                                                     \
    void scipy_##p##posv_64_(const char *, const i64 *, const i64 *, T *, const i64 *, \
                             T *, const i64 *, i64 *, size_t);                         \
    void p##posv_(const char *uplo, const i32 *n, const i32 *nrhs, T *a,               \
                  const i32 *lda, T *b, const i32 *ldb, i32 *info)                     \
    {                                                                                  \
        i64 n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb, info_ = 0;               \
        scipy_##p##posv_64_(uplo, &n_, &nrhs_, a, &lda_, b, &ldb_, &info_, 1);         \
        *info = (i32)info_;                                                            \
    }
POSV(s, float)
POSV(d, double)

#define POTRF(p, T)                                                                    \
    void scipy_##p##potrf_64_(const char *, const i64 *, T *, const i64 *, i64 *,      \
                              size_t);                                                 \
    void p##potrf_(const char *uplo, const i32 *n, T *a, const i32 *lda, i32 *info)    \
    {                                                                                  \
        i64 n_ = *n, lda_ = *lda, info_ = 0;                                           \
        scipy_##p##potrf_64_(uplo, &n_, a, &lda_, &info_, 1);                          \
        *info = (i32)info_;                                                            \
    }
POTRF(s, float)
POTRF(d, double)

void scipy_dgeev_64_(const char *, const char *, const i64 *, double *, const i64 *,
                     double *, double *, double *, const i64 *, double *, const i64 *,
                     double *, const i64 *, i64 *, size_t, size_t);
void dgeev_(const char *jobvl, const char *jobvr, const i32 *n, double *a, const i32 *lda,
            double *wr, double *wi, double *vl, const i32 *ldvl, double *vr,
            const i32 *ldvr, double *work, const i32 *lwork, i32 *info)
{
    i64 n_ = *n, lda_ = *lda, ldvl_ = *ldvl, ldvr_ = *ldvr, lwork_ = *lwork, info_ = 0;
    scipy_dgeev_64_(jobvl, jobvr, &n_, a, &lda_, wr, wi, vl, &ldvl_, vr, &ldvr_, work,
                    &lwork_, &info_, 1, 1);
    *info = (i32)info_;
}
