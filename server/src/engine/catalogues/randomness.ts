/**
 * What the randomness rules know about Python libraries, as data: which calls draw from a
 * global RNG, which calls seed which RNGs, which APIs take a randomness parameter (and when it
 * matters), and which generator constructors need a seed. Supporting a library is a row here;
 * users add rows through `[tool.preflight.randomness]` (see randomness/settings.ts).
 *
 * Names are qualified names as the resolver gives them (python/resolve.ts `qualifiedName`:
 * `np.random.rand` → `numpy.random.rand`). They are patterns of the one catalogue dialect (python/patterns.ts,
 * docs/patterns.md): `torch.optim.*` matches every attribute below that prefix.
 */
import { PatternIndex } from '../python/patterns';

/** A global random number generator. Strings so that users can name their own. */
export type RngId = string;

export const RNG = {
  python: 'python',
  numpy: 'numpy',
  torch: 'torch',
  torchCuda: 'torch-cuda',
  tensorflow: 'tensorflow',
  keras: 'keras',
} as const;

/** Human name of an RNG for messages. */
export const RNG_LABEL: Record<string, string> = {
  python: "Python's `random`",
  numpy: "NumPy's global RNG",
  torch: "PyTorch's CPU RNG",
  'torch-cuda': "PyTorch's CUDA RNG",
  tensorflow: "TensorFlow's global seed",
  keras: "Keras' global seed",
};

export interface DrawEntry {
  /** Qualified name of the drawing function (or `prefix.*`). */
  readonly name: string;
  readonly rng: RngId;
  /** Keyword parameters that make the draw use an explicit generator / op seed (then it is fine). */
  readonly explicit?: readonly string[];
  /** Keyword whose value naming CUDA moves the draw to the CUDA RNG (torch's `device=`). */
  readonly deviceParam?: string;
}

/** Seed arguments that are not reproducible (`random.seed(time.time())`): the call does not seed. */
export const ENTROPY_SEED_PATTERN = /\b(time|time_ns|perf_counter|now|utcnow|urandom|getpid|uuid1|uuid4|randbits|token_bytes|token_hex)\s*\(/;

export interface SeedEntry {
  readonly name: string;
  /** The RNGs the call really seeds. */
  readonly rngs: readonly RngId[];
}

/** A literal condition on an argument: the API is random only when it holds. */
export interface ArgCondition {
  readonly param: string;
  /** Positional index of the parameter, if it may be passed positionally. */
  readonly position?: number;
  /** Python literal spellings (`True`, `'saga'`) that make the call random. */
  readonly values: readonly string[];
}

export interface ParamEntry {
  /** Qualified name, `prefix.*`, or for `module: 'sklearn'`-style rows a last segment in `names`. */
  readonly name: string;
  /** Parameter names any of which, when given, make the call reproducible. */
  readonly params: readonly string[];
  /** Positional index of the (first) parameter, when callers may pass it positionally. */
  readonly position?: number;
  /** Only random when this argument has one of these literal values. */
  readonly when?: ArgCondition;
  /** The parameter the quick fix adds (`random_state=<seed>`); none means no fix. */
  readonly fixParam?: string;
  /** Not reported when the program seeds this RNG anywhere (torch's DataLoader shuffling). */
  readonly excusedBySeedOf?: RngId;
  /** What to call the API in messages. */
  readonly label?: string;
  /**
   * Left unset, the library uses a fixed seed of its own (XGBoost's `seed=0`, LightGBM's C++
   * defaults, CatBoost's 0): runs repeat today, but the model depends on a default nobody wrote
   * down. Still flagged (TAXONOMY R-param), with a message that says so.
   */
  readonly fixedDefaultSeed?: boolean;
  /**
   * Random only when one of these parameters is written with a value other than the literal that
   * turns it off (`1`, `1.0`, `False`, `0`): XGBoost's and LightGBM's row and column subsampling
   * (`subsample`, `colsample_*`, `bagging_fraction`, `feature_fraction`…). Their defaults draw
   * nothing, so such a model is deterministic whatever its seed; a `**kwargs` splat may set them.
   */
  readonly randomOnlyWith?: readonly string[];
  /**
   * Left unset, the call draws from this global RNG (scikit-learn, SciPy and pandas use NumPy's
   * global RandomState for `random_state=None`): a seed of it before the call makes today's runs
   * repeat, so the finding is a hint that the parameter is still the contract.
   */
  readonly fallsBackTo?: RngId;
  /**
   * Within `when`, random only if one of `anyOf` holds too (LogisticRegression's liblinear solver
   * shuffles only for `penalty='l1'` or `dual=True`; its L2 primal solver is deterministic). With
   * none of their arguments written (a parameter grid may set them) it is a hint; with other
   * values, nothing.
   */
  readonly randomOnlyIf?: { readonly when: ArgCondition; readonly anyOf: readonly ArgCondition[] };
}

export interface GeneratorEntry {
  readonly name: string;
  /** Keyword names of the seed parameter. */
  readonly params: readonly string[];
  /** Positional index of the seed (generators take it first), if positional. */
  readonly position?: number;
  /** Methods that seed the generator after construction (`g.manual_seed(0)`). */
  readonly seedMethods: readonly string[];
  /** How the fix seeds it: pass the seed as the first argument, or chain a seeding call. */
  readonly fix: { readonly kind: 'argument' } | { readonly kind: 'chain'; readonly method: string };
}

/**
 * A method whose receiver's type decides whether it is random (`df.sample()` is, `random.sample`
 * is a global draw instead): reported when the receiver plausibly comes from `receivers`.
 */
export interface MethodEntry {
  readonly method: string;
  /** Module prefixes the receiver must come from (`pandas`, `scipy.stats`). */
  readonly receivers: readonly string[];
  readonly params: readonly string[];
  /** Keywords that only this API takes: their presence alone says what the receiver is. */
  readonly tellingKeywords?: readonly string[];
  /** Receiver names that by convention hold such objects (`df`, `train_df`). */
  readonly receiverNamePattern?: string;
  readonly fixParam?: string;
  readonly label?: string;
  /** As ParamEntry.fallsBackTo. */
  readonly fallsBackTo?: RngId;
}

/** When PyTorch training is present, and what makes it deterministic (the hint rule). */
export interface DeterminismEntry {
  /** Calls that mark a training program (an optimizer, a Lightning Trainer). */
  readonly trainingCalls: readonly string[];
  /** Calls that switch determinism on unless their first argument is `False`. */
  readonly enablingCalls: readonly string[];
  /** Attributes that switch determinism on when assigned `True`. */
  readonly enablingFlags: readonly string[];
  /** Keyword on a training call that decides determinism itself (`Trainer(deterministic=True)`). */
  readonly trainingKeyword: string;
  /**
   * What shows a program may run on an accelerator (nondeterministic kernels are a GPU matter;
   * CPU-only training is out of the hint's scope): names used anywhere, methods called on
   * anything, device strings, and keywords whose value picks a device.
   */
  readonly acceleratorNames: readonly string[];
  readonly acceleratorMethods: readonly string[];
  readonly acceleratorStrings: RegExp;
  readonly deviceKeywords: readonly string[];
  /** Calls that take a device (`torch.device(x)`, `.to(x)`): a value not known to be the CPU may be a GPU. */
  readonly deviceCalls: readonly string[];
  readonly deviceMethods: readonly string[];
  /** Training calls that pick an accelerator themselves unless told the CPU (`Trainer(accelerator="auto")`). */
  readonly autoAcceleratorCalls: readonly string[];
  readonly acceleratorKeywords: readonly string[];
}

export interface RandomnessCatalogue {
  readonly draws: readonly DrawEntry[];
  readonly seeds: readonly SeedEntry[];
  readonly params: readonly ParamEntry[];
  readonly methods: readonly MethodEntry[];
  readonly generators: readonly GeneratorEntry[];
  readonly determinism: DeterminismEntry;
}

const PY_RANDOM_DRAWS = [
  'random', 'uniform', 'randint', 'randrange', 'choice', 'choices', 'shuffle', 'sample', 'gauss',
  'normalvariate', 'lognormvariate', 'expovariate', 'vonmisesvariate', 'gammavariate', 'betavariate',
  'paretovariate', 'weibullvariate', 'triangular', 'getrandbits', 'randbytes', 'binomialvariate',
];

// numpy's legacy module-level API (RandomState methods re-exported from numpy.random).
const NUMPY_LEGACY_DRAWS = [
  'rand', 'randn', 'randint', 'random_integers', 'random_sample', 'random', 'ranf', 'sample', 'choice',
  'bytes', 'shuffle', 'permutation', 'beta', 'binomial', 'chisquare', 'dirichlet', 'exponential', 'f',
  'gamma', 'geometric', 'gumbel', 'hypergeometric', 'laplace', 'logistic', 'lognormal', 'logseries',
  'multinomial', 'multivariate_normal', 'negative_binomial', 'noncentral_chisquare', 'noncentral_f',
  'normal', 'pareto', 'poisson', 'power', 'rayleigh', 'standard_cauchy', 'standard_exponential',
  'standard_gamma', 'standard_normal', 'standard_t', 'triangular', 'uniform', 'vonmises', 'wald',
  'weibull', 'zipf',
];

const TORCH_DRAWS = [
  'rand', 'randn', 'randint', 'randperm', 'normal', 'bernoulli', 'multinomial', 'poisson',
  'rand_like', 'randn_like', 'randint_like',
];

// tf.random.stateless_* take a mandatory seed: never global, so not listed.
const TF_DRAWS = ['uniform', 'normal', 'truncated_normal', 'shuffle', 'categorical', 'gamma', 'poisson'];
const TF1_DRAWS = ['random_uniform', 'random_normal', 'truncated_normal', 'random_shuffle', 'multinomial', 'random_gamma', 'random_poisson'];
const KERAS_DRAWS = ['normal', 'uniform', 'randint', 'truncated_normal', 'shuffle', 'categorical', 'dropout', 'gamma', 'beta', 'binomial'];

const draws: DrawEntry[] = [
  ...PY_RANDOM_DRAWS.map((n) => ({ name: `random.${n}`, rng: RNG.python })),
  ...NUMPY_LEGACY_DRAWS.map((n) => ({ name: `numpy.random.${n}`, rng: RNG.numpy })),
  ...TORCH_DRAWS.map((n) => ({ name: `torch.${n}`, rng: RNG.torch, explicit: ['generator'], deviceParam: 'device' })),
  ...TORCH_DRAWS.map((n) => ({ name: `torch.random.${n}`, rng: RNG.torch, explicit: ['generator'], deviceParam: 'device' })),
  { name: 'torch.utils.data.random_split', rng: RNG.torch, explicit: ['generator'] },
  ...TF_DRAWS.flatMap((n) => [
    { name: `tensorflow.random.${n}`, rng: RNG.tensorflow, explicit: ['seed'] },
    { name: `tensorflow.compat.v1.random.${n}`, rng: RNG.tensorflow, explicit: ['seed'] },
  ]),
  ...TF1_DRAWS.flatMap((n) => [
    { name: `tensorflow.${n}`, rng: RNG.tensorflow, explicit: ['seed'] },
    { name: `tensorflow.compat.v1.${n}`, rng: RNG.tensorflow, explicit: ['seed'] },
  ]),
  ...KERAS_DRAWS.flatMap((n) => [
    { name: `keras.random.${n}`, rng: RNG.keras, explicit: ['seed'] },
    { name: `tensorflow.keras.random.${n}`, rng: RNG.keras, explicit: ['seed'] },
  ]),
];

const ALL_DL = [RNG.python, RNG.numpy, RNG.torch, RNG.torchCuda];

const seeds: SeedEntry[] = [
  { name: 'random.seed', rngs: [RNG.python] },
  { name: 'random.setstate', rngs: [RNG.python] },
  { name: 'numpy.random.seed', rngs: [RNG.numpy] },
  { name: 'numpy.random.set_state', rngs: [RNG.numpy] },
  { name: 'torch.set_rng_state', rngs: [RNG.torch] },
  { name: 'torch.random.set_rng_state', rngs: [RNG.torch] },
  { name: 'torch.cuda.set_rng_state', rngs: [RNG.torchCuda] },
  { name: 'torch.cuda.set_rng_state_all', rngs: [RNG.torchCuda] },
  // torch.manual_seed also seeds every CUDA device (torch/random.py: manual_seed → cuda.manual_seed_all).
  { name: 'torch.manual_seed', rngs: [RNG.torch, RNG.torchCuda] },
  { name: 'torch.random.manual_seed', rngs: [RNG.torch, RNG.torchCuda] },
  { name: 'torch.cuda.manual_seed', rngs: [RNG.torchCuda] },
  { name: 'torch.cuda.manual_seed_all', rngs: [RNG.torchCuda] },
  { name: 'tensorflow.random.set_seed', rngs: [RNG.tensorflow] },
  { name: 'tensorflow.set_random_seed', rngs: [RNG.tensorflow] },
  { name: 'tensorflow.random.set_random_seed', rngs: [RNG.tensorflow] },
  { name: 'tensorflow.compat.v1.set_random_seed', rngs: [RNG.tensorflow] },
  { name: 'tensorflow.compat.v1.random.set_random_seed', rngs: [RNG.tensorflow] },
  // keras.utils.set_random_seed: random.seed, np.random.seed, tf.random.set_seed (if TF is
  // installed) and the Keras 3 global seed (keras/src/utils/rng_utils.py).
  ...['keras.utils.set_random_seed', 'tensorflow.keras.utils.set_random_seed', 'keras.src.utils.rng_utils.set_random_seed'].map((name) => ({
    name,
    rngs: [RNG.python, RNG.numpy, RNG.tensorflow, RNG.keras],
  })),
  // transformers.set_seed: random, numpy, torch (+cuda), and tf when available (trainer_utils.py).
  ...['transformers.set_seed', 'transformers.trainer_utils.set_seed', 'transformers.enable_full_determinism', 'transformers.trainer_utils.enable_full_determinism'].map((name) => ({
    name,
    rngs: [...ALL_DL, RNG.tensorflow],
  })),
  // Lightning's seed_everything: random, numpy, torch and all CUDA devices.
  ...[
    'lightning.seed_everything',
    'lightning.pytorch.seed_everything',
    'lightning.fabric.seed_everything',
    'lightning.pytorch.utilities.seed.seed_everything',
    'lightning.fabric.utilities.seed.seed_everything',
    'lightning_fabric.seed_everything',
    'lightning_fabric.utilities.seed.seed_everything',
    'pytorch_lightning.seed_everything',
    'pytorch_lightning.utilities.seed.seed_everything',
  ].map((name) => ({ name, rngs: ALL_DL })),
  // accelerate.utils.set_seed: random, numpy, torch, torch.cuda.manual_seed_all.
  ...['accelerate.utils.set_seed', 'accelerate.utils.random.set_seed'].map((name) => ({ name, rngs: ALL_DL })),
  // fastai's set_seed: random, numpy, torch (+cuda).
  ...['fastai.torch_core.set_seed', 'fastai.basics.set_seed', 'fastai.vision.all.set_seed', 'fastai.tabular.all.set_seed', 'fastai.text.all.set_seed'].map((name) => ({ name, rngs: ALL_DL })),
];

/** scikit-learn names (any module under `sklearn.`) that always draw unless `random_state` is given. */
const SKLEARN_ALWAYS = [
  'RandomForestClassifier', 'RandomForestRegressor', 'ExtraTreesClassifier', 'ExtraTreesRegressor',
  'RandomTreesEmbedding', 'GradientBoostingClassifier', 'GradientBoostingRegressor',
  'HistGradientBoostingClassifier', 'HistGradientBoostingRegressor', 'DecisionTreeClassifier',
  'DecisionTreeRegressor', 'ExtraTreeClassifier', 'ExtraTreeRegressor', 'BaggingClassifier',
  'BaggingRegressor', 'AdaBoostClassifier', 'AdaBoostRegressor', 'IsolationForest',
  'KMeans', 'MiniBatchKMeans', 'BisectingKMeans', 'SpectralClustering', 'SpectralBiclustering', 'SpectralCoclustering',
  'GaussianMixture', 'BayesianGaussianMixture', 'TSNE', 'MDS', 'SpectralEmbedding',
  'MLPClassifier', 'MLPRegressor', 'BernoulliRBM', 'SGDClassifier', 'SGDRegressor', 'SGDOneClassSVM',
  'Perceptron', 'PassiveAggressiveClassifier', 'PassiveAggressiveRegressor', 'TruncatedSVD',
  'LatentDirichletAllocation', 'FastICA', 'DictionaryLearning', 'MiniBatchDictionaryLearning',
  'MiniBatchSparsePCA', 'SparsePCA', 'GaussianRandomProjection', 'SparseRandomProjection', 'RBFSampler',
  'Nystroem', 'SkewedChi2Sampler', 'RANSACRegressor', 'RandomizedSearchCV', 'HalvingRandomSearchCV',
  'ShuffleSplit', 'StratifiedShuffleSplit', 'GroupShuffleSplit', 'RepeatedKFold', 'RepeatedStratifiedKFold',
  'train_test_split', 'resample', 'shuffle', 'permutation_importance', 'k_means', 'kmeans_plusplus',
  'make_classification', 'make_regression', 'make_blobs', 'make_moons', 'make_circles', 'make_friedman1',
  'make_friedman2', 'make_friedman3', 'make_s_curve', 'make_swiss_roll', 'make_low_rank_matrix',
  'make_sparse_coded_signal', 'make_spd_matrix', 'make_sparse_spd_matrix', 'make_multilabel_classification',
  'make_gaussian_quantiles', 'make_hastie_10_2', 'make_biclusters', 'make_checkerboard', 'make_sparse_uncorrelated',
  'randomized_svd', 'sample_without_replacement',
];

/** scikit-learn APIs that draw only in some configurations. */
/** XGBoost parameters that make training draw (row and column subsampling). */
const XGBOOST_SUBSAMPLING = ['subsample', 'colsample_bytree', 'colsample_bylevel', 'colsample_bynode'];
/** LightGBM parameters (and their aliases) that make training draw: bagging, feature fractions, extra trees. */
const LIGHTGBM_SUBSAMPLING = ['subsample', 'bagging_fraction', 'sub_row', 'bagging', 'colsample_bytree', 'feature_fraction', 'sub_feature', 'feature_fraction_bynode', 'extra_trees'];

const SKLEARN_CONDITIONAL: { name: string; when: ArgCondition; randomOnlyIf?: ParamEntry['randomOnlyIf'] }[] = [
  ...['KFold', 'StratifiedKFold', 'GroupKFold', 'StratifiedGroupKFold'].map((name) => ({ name, when: { param: 'shuffle', values: ['True'] } })),
  { name: 'learning_curve', when: { param: 'shuffle', values: ['True'] } },
  {
    name: 'LogisticRegression',
    when: { param: 'solver', values: ["'sag'", "'saga'", "'liblinear'"] },
    randomOnlyIf: { when: { param: 'solver', values: ["'liblinear'"] }, anyOf: [{ param: 'penalty', values: ["'l1'"] }, { param: 'dual', values: ['True'] }] },
  },
  { name: 'PCA', when: { param: 'svd_solver', values: ["'randomized'", "'arpack'"] } },
  { name: 'KernelPCA', when: { param: 'eigen_solver', values: ["'randomized'", "'arpack'"] } },
  ...['SVC', 'NuSVC'].map((name) => ({ name, when: { param: 'probability', values: ['True'] } })),
  ...['Lasso', 'ElasticNet', 'MultiTaskLasso', 'MultiTaskElasticNet', 'LassoCV', 'ElasticNetCV'].map((name) => ({ name, when: { param: 'selection', values: ["'random'"] } })),
  { name: 'NMF', when: { param: 'init', values: ["'random'"] } },
];

/**
 * Meta-estimators that set the `random_state` of their base estimator themselves: scikit-learn's
 * BaseEnsemble `_make_estimator(random_state=…)` (bagging, boosting) overwrites every
 * `random_state` of the base with a draw from the ensemble's own `random_state`, so the base's
 * parameter is never the one used (the ensemble's missing `random_state` is reported instead).
 * Pipelines, search CVs, stacking and voting clone their steps as they are: not listed.
 */
export const SEEDING_META_ESTIMATORS: readonly string[] = [
  ...['BaggingClassifier', 'BaggingRegressor', 'AdaBoostClassifier', 'AdaBoostRegressor'].map((n) => `sklearn.*.${n}`),
  ...['BalancedBaggingClassifier', 'BalancedBaggingRegressor', 'EasyEnsembleClassifier', 'RUSBoostClassifier'].map((n) => `imblearn.*.${n}`),
];
/** Where a meta-estimator takes its base estimator: keywords, and the first positional argument. */
export const BASE_ESTIMATOR_KEYWORDS: readonly string[] = ['estimator', 'base_estimator'];

const GBM = [
  // XGBoost (sklearn API, random_state=None: seed 0) and LightGBM (fixed C++ default seeds) draw
  // only to subsample rows or columns; their random forests (XGBRF*) subsample by default.
  ...['XGBClassifier', 'XGBRegressor', 'XGBRanker'].map((n) => ({ name: `xgboost.${n}`, params: ['random_state', 'seed'], fixedDefaultSeed: true, randomOnlyWith: XGBOOST_SUBSAMPLING })),
  ...['XGBRFClassifier', 'XGBRFRegressor'].map((n) => ({ name: `xgboost.${n}`, params: ['random_state', 'seed'], fixedDefaultSeed: true })),
  ...['LGBMClassifier', 'LGBMRegressor', 'LGBMRanker', 'LGBMModel'].map((n) => ({ name: `lightgbm.${n}`, params: ['random_state', 'seed', 'random_seed'], fixedDefaultSeed: true, randomOnlyWith: LIGHTGBM_SUBSAMPLING })),
  ...['CatBoostClassifier', 'CatBoostRegressor', 'CatBoostRanker', 'CatBoost'].map((n) => ({ name: `catboost.${n}`, params: ['random_state', 'random_seed'], fixedDefaultSeed: true })),
];

const TORCH_SHUFFLERS: ParamEntry[] = [
  {
    name: 'torch.utils.data.DataLoader',
    params: ['generator', 'sampler', 'batch_sampler', 'worker_init_fn'],
    when: { param: 'shuffle', position: 2, values: ['True'] },
    excusedBySeedOf: RNG.torch,
    label: 'DataLoader(shuffle=True)',
  },
  ...['RandomSampler', 'SubsetRandomSampler', 'WeightedRandomSampler'].map((n) => ({
    name: `torch.utils.data.${n}`,
    params: ['generator'],
    excusedBySeedOf: RNG.torch,
  })),
];

const params: ParamEntry[] = [
  ...SKLEARN_ALWAYS.map((n) => ({ name: `sklearn.*.${n}`, params: ['random_state'], fixParam: 'random_state', fallsBackTo: RNG.numpy })),
  ...SKLEARN_CONDITIONAL.map((c) => ({ name: `sklearn.*.${c.name}`, params: ['random_state'], when: c.when, ...(c.randomOnlyIf ? { randomOnlyIf: c.randomOnlyIf } : {}), fixParam: 'random_state', fallsBackTo: RNG.numpy })),
  ...GBM.map((g) => ({ ...g, fixParam: 'random_state' })),
  ...TORCH_SHUFFLERS,
];

const generators: GeneratorEntry[] = [
  { name: 'numpy.random.default_rng', params: ['seed'], position: 0, seedMethods: [], fix: { kind: 'argument' } },
  { name: 'numpy.random.RandomState', params: ['seed'], position: 0, seedMethods: ['seed'], fix: { kind: 'argument' } },
  { name: 'numpy.random.SeedSequence', params: ['entropy'], position: 0, seedMethods: [], fix: { kind: 'argument' } },
  ...['PCG64', 'PCG64DXSM', 'MT19937', 'Philox', 'SFC64'].map((n) => ({ name: `numpy.random.${n}`, params: ['seed'], position: 0, seedMethods: [], fix: { kind: 'argument' } as const })),
  { name: 'random.Random', params: ['x'], position: 0, seedMethods: ['seed'], fix: { kind: 'argument' } },
  { name: 'torch.Generator', params: [], seedMethods: ['manual_seed'], fix: { kind: 'chain', method: 'manual_seed' } },
];

const methods: MethodEntry[] = [
  {
    method: 'sample',
    receivers: ['pandas', 'modin.pandas', 'geopandas'],
    params: ['random_state'],
    tellingKeywords: ['frac', 'n', 'weights'],
    receiverNamePattern: '(^|_)(df|dfs|frame|dataframe|series)(_|$|\\d)|^df|df$',
    fixParam: 'random_state',
    label: 'DataFrame.sample',
    fallsBackTo: RNG.numpy,
  },
  { method: 'rvs', receivers: ['scipy.stats'], params: ['random_state'], fixParam: 'random_state', label: 'scipy.stats .rvs', fallsBackTo: RNG.numpy },
  // Hugging Face `datasets`: Dataset.train_test_split / shuffle take `seed` (or a generator).
  ...['train_test_split', 'shuffle'].map((method) => ({ method, receivers: ['datasets'], params: ['seed', 'generator'], fixParam: 'seed', label: `Dataset.${method}` })),
];

const determinism: DeterminismEntry = {
  trainingCalls: ['torch.optim.*', 'lightning.Trainer', 'lightning.pytorch.Trainer', 'pytorch_lightning.Trainer'],
  enablingCalls: ['torch.use_deterministic_algorithms', 'transformers.enable_full_determinism', 'transformers.trainer_utils.enable_full_determinism'],
  enablingFlags: ['torch.backends.cudnn.deterministic'],
  trainingKeyword: 'deterministic',
  acceleratorNames: ['torch.cuda.*', 'torch.backends.cudnn.*', 'torch.backends.mps.*', 'torch.mps.*', 'torch.xpu.*', 'torch.nn.DataParallel', 'torch.nn.parallel.*', 'torch.distributed.*', 'accelerate.*', 'deepspeed.*'],
  acceleratorMethods: ['cuda'],
  acceleratorStrings: /^(cuda|gpu|mps|xpu)(:\d+)?$/i,
  deviceKeywords: ['device', 'map_location'],
  deviceCalls: ['torch.device'],
  deviceMethods: ['to'],
  autoAcceleratorCalls: ['lightning.Trainer', 'lightning.pytorch.Trainer', 'pytorch_lightning.Trainer'],
  acceleratorKeywords: ['accelerator'],
};

export const DEFAULT_CATALOGUE: RandomnessCatalogue = { draws, seeds, params, methods, generators, determinism };

/**
 * An index for fast look-ups by qualified name. Names are patterns of the one catalogue
 * dialect (python/patterns.ts); the most specific wins, and among equals a later (user) row.
 */
export class CatalogueIndex {
  private readonly draws: PatternIndex<DrawEntry>;
  private readonly seeds: PatternIndex<SeedEntry>;
  private readonly params: PatternIndex<ParamEntry>;
  private readonly generators: PatternIndex<GeneratorEntry>;
  /** Method names of `methods` rows, to skip receiver analysis for every other call. */
  readonly methodNames: ReadonlySet<string>;

  constructor(readonly catalogue: RandomnessCatalogue) {
    // Rows reversed: the index gives equals to the first row, and later (user) rows must win.
    const rows = <T extends { name: string }>(list: readonly T[]) => [...list].reverse().map((e) => [e.name, e] as const);
    this.draws = new PatternIndex(rows(catalogue.draws));
    this.seeds = new PatternIndex(rows(catalogue.seeds));
    this.params = new PatternIndex(rows(catalogue.params));
    this.generators = new PatternIndex(rows(catalogue.generators));
    this.methodNames = new Set(catalogue.methods.map((m) => m.method));
  }

  draw(q: string): DrawEntry | undefined {
    return this.draws.best(q);
  }
  seed(q: string): SeedEntry | undefined {
    return this.seeds.best(q);
  }
  param(q: string): ParamEntry | undefined {
    return this.params.best(q);
  }
  generator(q: string): GeneratorEntry | undefined {
    return this.generators.best(q);
  }
}

/** How the seed-block fix seeds each RNG: the import it needs and the call. */
export interface SeedRecipe {
  readonly rng: RngId;
  /** Module to import and the conventional alias. */
  readonly module: string;
  readonly alias?: string;
  /** Call after the module name, `{{seed}}` replaced (`.random.seed({{seed}})`). */
  readonly call: string;
}

export const SEED_RECIPES: readonly SeedRecipe[] = [
  { rng: RNG.python, module: 'random', call: '.seed({{seed}})' },
  { rng: RNG.numpy, module: 'numpy', alias: 'np', call: '.random.seed({{seed}})' },
  { rng: RNG.torch, module: 'torch', call: '.manual_seed({{seed}})' },
  { rng: RNG.torchCuda, module: 'torch', call: '.manual_seed({{seed}})' },
  { rng: RNG.tensorflow, module: 'tensorflow', alias: 'tf', call: '.random.set_seed({{seed}})' },
  { rng: RNG.keras, module: 'keras', call: '.utils.set_random_seed({{seed}})' },
];

/**
 * Where a drawn value goes when its randomness does not need to reproduce (TAXONOMY R-global
 * "do not flag": ids, tokens and nonces, retry jitter and simulated delays, load balancing or
 * picking a worker/endpoint). randomness/purpose.ts follows the drawn value through the syntax
 * tree to its uses and matches them against these rows.
 */
export interface PurposeCatalogue {
  /** Calls that wait: a drawn value reaching them is a delay or jitter. */
  readonly sleeps: readonly string[];
  /** Browser and GUI automation (human-like pauses, scrolls, mouse moves): module prefixes. */
  readonly automationModules: readonly string[];
  /** Their methods, for receivers the resolver cannot trace (an untyped `page` parameter). */
  readonly automationMethods: readonly string[];
  /** Keyword parameters that take a pause length (`keyboard.type(text, delay=…)`). */
  readonly delayKeywords: readonly string[];
  /** Calls whose first argument is where a request goes. */
  readonly requests: readonly string[];
  /** Keyword parameters that name where a connection or request goes. */
  readonly endpointKeywords: readonly string[];
  /** Keyword parameters and dict keys that take an identifier. */
  readonly idKeywords: RegExp;
  /** Names (of variables, attributes, functions returning it, dict keys) that hold an id or token. */
  readonly idNames: RegExp;
  /** Names that hold where a request goes (a pick from `servers`, `self.ports`, a `port = …`). */
  readonly endpointNames: RegExp;
  /** Methods that wait on any receiver (`page.sleep(…)`, `tab.wait_for_timeout(…)`). */
  readonly sleepMethods: readonly string[];
  /** Names of functions, classes and files that declare they make mock data (`fake_orders`, `MockLLM`, `mock_server.py`). */
  readonly mockNames: RegExp;
  /** Dict keys of request headers whose value only identifies the client. */
  readonly headerKeys: RegExp;
  /** Calls that build an id from a number (`uuid.UUID(int=random.getrandbits(128))`). */
  readonly idConstructors: readonly string[];
  /** Modules whose string constants are character alphabets (`string.ascii_letters`). */
  readonly alphabets: readonly string[];
  /** Calls that keep the drawn value as a number or text (`int(...)`, `round(...)`). */
  readonly numericWrappers: readonly string[];
  readonly textWrappers: readonly string[];
  /** Methods of a string (or of `hex()`'s receiver) that keep it a string (`.upper()`, `.zfill(6)`). */
  readonly textMethods: readonly string[];
  /** Calls and methods that only show or log a value: printing, logging and plotting. */
  readonly displays: readonly string[];
  /** Libraries every call and method of which only shows a value (plots, figures, axes). */
  readonly displayLibraries: readonly string[];
  /**
   * Draws that change their argument in place and return nothing (`random.shuffle(xs)`): a bare
   * statement of one is a use, not a display of its value. Also any function ending in `_`.
   */
  readonly inPlaceDraws: readonly string[];
  readonly logMethods: readonly string[];
  /** Attributes and methods whose result does not depend on the values drawn (`x.shape`). */
  readonly valueFreeAttributes: readonly string[];
  readonly valueFreeCalls: readonly string[];
}

export const PURPOSE: PurposeCatalogue = {
  sleeps: ['time.sleep', 'asyncio.sleep', 'trio.sleep', 'anyio.sleep', 'gevent.sleep', 'eventlet.sleep', 'curio.sleep'],
  automationModules: ['playwright', 'selenium', 'pyppeteer', 'undetected_chromedriver', 'seleniumbase', 'nodriver', 'pyautogui', 'pynput', 'splinter', 'helium'],
  automationMethods: ['wait_for_timeout', 'execute_script', 'execute_async_script', 'scroll_by_amount', 'scroll_from_origin', 'move_by_offset', 'wheel', 'implicitly_wait'],
  delayKeywords: ['delay', 'wait', 'interval', 'pause', 'sleep', 'backoff', 'jitter', 'countdown', 'retry_after'],
  requests: [
    'requests.get', 'requests.post', 'requests.put', 'requests.patch', 'requests.delete', 'requests.head', 'requests.request',
    'requests.Session().*', 'httpx.*', 'httpx.Client().*', 'httpx.AsyncClient().*', 'aiohttp.ClientSession().*',
    'urllib.request.urlopen', 'urllib.request.Request', 'socket.create_connection', 'websockets.connect', 'websocket.create_connection',
    'grpc.insecure_channel', 'grpc.secure_channel', 'grpc.aio.insecure_channel', 'grpc.aio.secure_channel',
  ],
  endpointKeywords: ['host', 'hostname', 'port', 'url', 'uri', 'base_url', 'api_base', 'endpoint', 'address', 'server', 'server_url', 'proxy', 'proxies', 'bootstrap_servers', 'target'],
  idKeywords: /^(id|uuid|guid|token|nonce|salt|[a-z0-9_]*_(id|uuid|token|nonce|key|number|code|ref))$/i,
  // `number` only as a name's last word (`flight_number`, `order_number`), and only for a value
  // made into a string (the flow says so): a drawn number kept as a number is data.
  idNames: /(^|_)(id|ids|uuid|guid|token|nonce|salt|otp|pin|code|slug|suffix|prefix|tag|ref|reference|confirmation|password|passwd|pwd|secret|username|filename|fname|key)$|_number$|(Id|Uuid|Token|Nonce|Code|Suffix|Ref|Number)$/,
  endpointNames: /(^|_)(host|hostname|port|url|uri|endpoint|address|addr|server|proxy|proxie|worker|replica|backend|base_url)s?$/i,
  sleepMethods: ['sleep', 'wait_for_timeout'],
  mockNames: /(^|_)(mock|mocked|fake|dummy|stub)(_|$)|^(Mock|Fake|Dummy|Stub)[A-Z_]|[a-z](Mock|Fake|Dummy|Stub)([A-Z_]|$)/,
  headerKeys: /^(user[-_]agent|x-request-id|x-correlation-id|x-forwarded-for)$/i,
  idConstructors: ['uuid.UUID', 'secrets.*', 'hashlib.*'],
  alphabets: ['string'],
  numericWrappers: ['int', 'float', 'round', 'abs', 'min', 'max', 'math.floor', 'math.ceil'],
  textWrappers: ['str', 'hex', 'oct', 'bin', 'format', 'repr', 'chr', 'bytes', 'bytearray'],
  textMethods: ['hex', 'upper', 'lower', 'zfill', 'encode', 'decode', 'strip', 'replace', 'format'],
  displays: ['print', 'logging.*', 'IPython.display.display', 'display', 'pprint.pprint', 'rich.print', 'warnings.warn', 'matplotlib.*', 'seaborn.*', 'plotly.*'],
  displayLibraries: ['matplotlib', 'seaborn', 'plotly'],
  inPlaceDraws: ['shuffle'],
  logMethods: ['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log'],
  valueFreeAttributes: ['shape', 'ndim', 'dtype', 'device', 'size', 'dim', 'numel', 'nbytes', 'itemsize', 'is_cuda', 'requires_grad', 'layout'],
  valueFreeCalls: ['len', 'type', 'isinstance', 'id'],
};
