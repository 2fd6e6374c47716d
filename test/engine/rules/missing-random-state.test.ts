import { missingRandomState } from '../../../server/src/engine/rules/missing-random-state';
import { ruleTester } from '../ruleTester';

ruleTester.run(missingRandomState, {
  valid: [
    'from sklearn.model_selection import train_test_split\ntrain_test_split(X, y, random_state=0)',
    { name: 'a variable counts', code: 'from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier(random_state=SEED)' },
    { name: '**kwargs splat counts', code: 'from sklearn.cluster import KMeans\nKMeans(**params)' },
    { name: 'KFold without shuffle is deterministic', code: 'from sklearn.model_selection import KFold\nKFold(5)\nKFold(n_splits=3, shuffle=False)' },
    { name: 'LogisticRegression with the default solver', code: 'from sklearn.linear_model import LogisticRegression\nLogisticRegression(C=1.0)' },
    { name: "liblinear's L2 primal solver is deterministic", code: 'from sklearn.linear_model import LogisticRegression\nLogisticRegression(solver="liblinear", penalty="l2").fit(X, y)\nLogisticRegression(solver="liblinear", dual=False).fit(X, y)' },
    { name: 'random.sample is a global draw, not pandas', code: 'import random\nrandom.sample(range(10), 3)\nrandom.sample(population=[1, 2], k=1)' },
    { name: 'torch distributions sample', code: 'import torch\nd = torch.distributions.Normal(0, 1)\nd.sample()\nd.sample((3,))' },
    { name: 'unknown receiver without pandas signs', code: 'space.sample()\nmodel.sample(10)' },
    'import pandas as pd\ndf = pd.read_csv("x.csv")\ndf.sample(frac=1, random_state=0)',
    { name: 'DataLoader shuffle when torch is seeded', code: 'import torch\nfrom torch.utils.data import DataLoader\ntorch.manual_seed(0)\nDataLoader(ds, shuffle=True)' },
    { name: 'DataLoader with a generator', code: 'import torch\nfrom torch.utils.data import DataLoader\nDataLoader(ds, shuffle=True, generator=g)' },
    { name: 'DataLoader without shuffle', code: 'from torch.utils.data import DataLoader\nDataLoader(ds, batch_size=4)' },
    { name: 'scipy rvs with random_state', code: 'from scipy import stats\nstats.norm.rvs(size=3, random_state=1)' },
    { name: 'xgboost with seed', code: 'import xgboost as xgb\nxgb.XGBClassifier(seed=1)' },
    { name: 'xgboost and lightgbm without subsampling draw nothing (deterministic whatever the seed)', code: 'import xgboost as xgb\nimport lightgbm as lgb\nxgb.XGBClassifier(n_estimators=100, max_depth=4).fit(X, y)\nlgb.LGBMRegressor(subsample=1.0, colsample_bytree=1).fit(X, y)' },
    { name: 'Hugging Face datasets with seed', code: 'from datasets import load_dataset\nds = load_dataset("x")\nds["train"].train_test_split(test_size=0.1, seed=42)' },
    { name: 'a sklearn-like name from elsewhere', code: 'from mylib import train_test_split\ntrain_test_split(X)' },
    // Estimators whose own random_state is never used (TAXONOMY R-param "do not flag").
    { name: 'base estimator of a bagging ensemble that sets random_state', code: 'from sklearn.ensemble import BaggingClassifier\nfrom sklearn.tree import DecisionTreeClassifier\nbag = BaggingClassifier(DecisionTreeClassifier(), n_estimators=10, random_state=42)\nbag.fit(X, y)' },
    { name: 'base estimator by keyword, estimator= and base_estimator=', code: 'from sklearn.ensemble import AdaBoostClassifier, BaggingRegressor\nfrom sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor\nAdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), random_state=0).fit(X, y)\nBaggingRegressor(base_estimator=DecisionTreeRegressor(), random_state=0).fit(X, y)' },
    { name: 'base estimator through a name', code: 'from sklearn.ensemble import BaggingClassifier\nfrom sklearn.tree import DecisionTreeClassifier\ntree = DecisionTreeClassifier(max_depth=3)\nbag = BaggingClassifier(tree, random_state=1)\nbag.fit(X, y)' },
    { name: 'notebook: an estimator only displayed', cells: ['from sklearn.ensemble import RandomForestClassifier', 'RandomForestClassifier()'] },
    { name: 'notebook: an estimator built, shown, never fitted', cells: ['from sklearn.ensemble import RandomForestClassifier', 'rf = RandomForestClassifier(n_estimators=50)\nrf', 'print(rf)'] },
    // A top-level name no importer can see: rebound later, or in a notebook exported as a script.
    { name: 'script: an estimator rebound before anything reads it', code: 'from sklearn.linear_model import SGDClassifier\nfrom sklearn.svm import SVC\nsvm = SGDClassifier(loss="hinge")\nsvm = SVC(kernel="linear", random_state=1)\nsvm.fit(X, y)' },
    { name: 'script that prints at top level (run, not imported): estimators built as an aside, never fitted', code: 'from sklearn.linear_model import SGDClassifier\nprint("Accuracy: %.3f" % 0.9)\nppn = SGDClassifier(loss="perceptron")\nlr = SGDClassifier(loss="log_loss")\n' },
    { name: 'script that plots at top level: an estimator never used', code: 'import matplotlib.pyplot as plt\nfrom sklearn.ensemble import RandomForestClassifier\nplt.show()\nrf = RandomForestClassifier()\n' },
    { name: 'notebook exported by nbconvert: estimators built as an aside, never fitted', code: '#!/usr/bin/env python\n# coding: utf-8\n\n# In[1]:\n\n\nfrom sklearn.linear_model import SGDClassifier\n\n\n# In[2]:\n\n\nppn = SGDClassifier(loss="perceptron")\nlr = SGDClassifier(loss="log_loss")\n' },
    { name: 'percent-format cells: a bare estimator is a display', code: '# %%\nfrom sklearn.ensemble import RandomForestClassifier\n\n# %%\nRandomForestClassifier()\n' },
    // A decision tree fitted on one feature searches every threshold of it: nothing is drawn.
    { name: 'decision tree fitted on one column (df[[col]].values), then predicted and plotted by a helper that fits nothing', cells: ['from sklearn.tree import DecisionTreeRegressor, DecisionTreeClassifier\ndef lin_regplot(X, y, model):\n    plt.plot(X, model.predict(X))', 'X = df[["Gr Liv Area"]].values\ny = df["SalePrice"].values', 'tree = DecisionTreeRegressor(max_depth=3)\ntree.fit(X, y)\nlin_regplot(X, y, tree)\nprint(tree.score(X, y))'] },
    { name: 'decision tree on one column: reshape(-1, 1), X[:, [0]], x[:, None], to_numpy(), chained fit', code: 'from sklearn.tree import DecisionTreeRegressor, DecisionTreeClassifier\nimport numpy as np\nDecisionTreeRegressor().fit(x.reshape(-1, 1), y)\nt = DecisionTreeClassifier(max_depth=2)\nt.fit(X=X[:, [0]], y=y)\nu = DecisionTreeRegressor(splitter="best")\nu.fit(x[:, np.newaxis], y)\nv = DecisionTreeRegressor()\nv.fit(df[["a"]].to_numpy(), y)\nw = DecisionTreeRegressor()\nw.fit(x[:, None], y)\nw.predict(x[:, None])' },
  ],
  invalid: [
    {
      name: 'decision tree: more than one column, an unknown X, splitter="random", a second fit on more columns, or handed to cross_val_score',
      code: 'from sklearn.tree import DecisionTreeRegressor, DecisionTreeClassifier\nfrom sklearn.model_selection import cross_val_score\na = DecisionTreeRegressor()\na.fit(df[["x", "y"]], t)\nb = DecisionTreeRegressor()\nb.fit(X, t)\nc = DecisionTreeRegressor(splitter="random")\nc.fit(x.reshape(-1, 1), t)\nd = DecisionTreeRegressor()\nd.fit(df[["x"]], t)\nd.fit(df[["x", "y"]], t)\ne = DecisionTreeRegressor()\ne.fit(df[["x"]], t)\ncross_val_score(e, X, t)\nf = DecisionTreeRegressor()',
      errors: [{ line: 3 }, { line: 5 }, { line: 7 }, { line: 9 }, { line: 12 }, { line: 15 }],
    },
    {
      name: 'notebook exported as a script: an estimator that is fitted',
      code: '# In[1]:\nfrom sklearn.linear_model import SGDClassifier\n# In[2]:\nppn = SGDClassifier()\nppn.fit(X, y)',
      errors: [{ line: 4, column: 7, endColumn: 20 }],
    },
    {
      name: 'module with a __main__ guard: a top-level estimator never read here may be imported',
      code: 'from sklearn.linear_model import SGDClassifier\nclf = SGDClassifier()\nif __name__ == "__main__":\n    print("demo")',
      errors: [{ line: 2, column: 7, endColumn: 20 }],
    },
    {
      name: 'script that prints at top level: an estimator that is fitted is still reported',
      code: 'from sklearn.linear_model import SGDClassifier\nclf = SGDClassifier()\nclf.fit(X, y)\nprint(clf.score(X, y))',
      errors: [{ line: 2, column: 7, endColumn: 20 }],
    },
    {
      name: 'random_state=None with no global seed: says a NumPy seed before it would pin it',
      code: 'import scipy.stats as st\nst.uniform.rvs(size=3)',
      errors: [{ line: 2, severity: 'warning', message: /each run gives different results; pass `random_state=42` \(seeding NumPy's global RNG before it also pins it/ }],
      output: 'import scipy.stats as st\nst.uniform.rvs(size=3, random_state=42)',
    },
    {
      name: 'script: rebound only under a condition, the first value may be imported',
      code: 'from sklearn.linear_model import SGDClassifier\nclf = SGDClassifier()\nif fast:\n    clf = None\n# In the end: nothing here reads clf',
      errors: [{ line: 2, column: 7, endColumn: 20 }],
    },
    {
      name: 'train_test_split, fix adds random_state',
      code: 'from sklearn.model_selection import train_test_split\na, b = train_test_split(X, test_size=0.2)',
      errors: [{ line: 2, column: 8, endLine: 2, endColumn: 24, message: /`train_test_split` is random and `random_state` is not set/ }],
      output: 'from sklearn.model_selection import train_test_split\na, b = train_test_split(X, test_size=0.2, random_state=42)',
    },
    {
      name: 'a global NumPy seed before it: still reported, as a hint (random_state=None draws from that seed)',
      code: 'import numpy as np\nimport sklearn.cluster\nnp.random.seed(0)\nm = sklearn.cluster.KMeans()',
      errors: [{ line: 4, column: 5, endColumn: 27, severity: 'hint', message: /draws from NumPy's global RNG, which is seeded before it, so runs repeat only while nothing else draws in between/ }],
      output: 'import numpy as np\nimport sklearn.cluster\nnp.random.seed(0)\nm = sklearn.cluster.KMeans(random_state=42)',
    },
    {
      name: 'seed value from config, notebook cell edit',
      cells: ['from sklearn.ensemble import RandomForestRegressor as RF', 'm = RF(\n    n_estimators=10,\n)', 'm.fit(X, y)'],
      config: { seed: 3 },
      errors: [{ cell: 2, line: 1, column: 5, endColumn: 7 }],
      outputCells: ['from sklearn.ensemble import RandomForestRegressor as RF', 'm = RF(\n    n_estimators=10, random_state=3,\n)', 'm.fit(X, y)'],
    },
    {
      name: 'KFold with shuffle=True',
      code: 'from sklearn.model_selection import StratifiedKFold\nStratifiedKFold(n_splits=5, shuffle=True)',
      errors: [{ line: 2, column: 1, endColumn: 16 }],
    },
    {
      name: 'LogisticRegression with a random solver',
      code: 'from sklearn.linear_model import LogisticRegression\nLogisticRegression(solver="saga")',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'pandas sample: traced receiver, frac keyword, df name',
      code: 'import pandas as pd\ndata = pd.read_csv("a.csv")\ndata.sample(5)\nthing.sample(frac=0.5)\ntrain_df.sample(3)\ndf[df.a > 0].sample(n=2)',
      errors: [{ line: 3, column: 1, endColumn: 12 }, { line: 4, column: 1, endColumn: 13 }, { line: 5, column: 1, endColumn: 16 }, { line: 6, column: 1, endColumn: 20 }],
      output: 'import pandas as pd\ndata = pd.read_csv("a.csv")\ndata.sample(5, random_state=42)\nthing.sample(frac=0.5, random_state=42)\ntrain_df.sample(3, random_state=42)\ndf[df.a > 0].sample(n=2, random_state=42)',
    },
    {
      name: 'scipy.stats rvs, module path and frozen distribution',
      code: 'import scipy.stats as st\nst.norm.rvs(size=3)\nd = st.norm(0, 1)\nd.rvs(10)',
      errors: [{ line: 2, column: 1, endColumn: 12 }, { line: 4, column: 1, endColumn: 6 }],
    },
    {
      name: 'gradient boosting libraries',
      code: 'import xgboost as xgb\nimport lightgbm as lgb\nfrom catboost import CatBoostClassifier\nxgb.XGBRegressor(subsample=0.8)\nlgb.LGBMClassifier(n_estimators=5, colsample_bytree=0.7)\nCatBoostClassifier(verbose=0)',
      errors: [{ line: 4, column: 1, severity: 'hint' }, { line: 5, column: 1, severity: 'hint' }, { line: 6, column: 1, severity: 'hint' }],
    },
    {
      name: 'xgboost random forests subsample by default; a **kwargs splat may set subsampling',
      code: 'import xgboost as xgb\nxgb.XGBRFClassifier(n_estimators=10).fit(X, y)\nxgb.XGBClassifier(**params).fit(X, y)',
      errors: [{ line: 2, column: 1, severity: 'hint' }],
    },
    {
      name: 'a global seed AFTER the call does not make it a hint',
      code: 'import numpy as np\nfrom sklearn.model_selection import train_test_split\na, b = train_test_split(X)\nnp.random.seed(0)',
      errors: [{ line: 3, column: 8, endColumn: 24, severity: 'warning', message: /each run gives different results/ }],
    },
    {
      name: 'scipy rvs and pandas sample after a global NumPy seed are hints; a seed of another RNG does not count',
      code: 'import numpy as np\nimport random\nimport pandas as pd\nimport scipy.stats as st\nrandom.seed(1)\nst.norm.rvs(size=3)\nnp.random.seed(1)\nst.norm.rvs(size=3)\ndf = pd.read_csv("a.csv")\ndf.sample(3)',
      errors: [{ line: 6, column: 1, severity: 'warning' }, { line: 8, column: 1, severity: 'hint' }, { line: 10, column: 1, severity: 'hint' }],
    },
    {
      name: 'liblinear is random with penalty="l1" or dual=True',
      code: 'from sklearn.linear_model import LogisticRegression\nLogisticRegression(solver="liblinear", penalty="l1")\nLogisticRegression(solver="liblinear", dual=True)',
      errors: [{ line: 2, column: 1, severity: 'warning' }, { line: 3, column: 1, severity: 'warning' }],
    },
    {
      name: 'liblinear with neither argument written (a parameter grid may set penalty): a hint',
      code: 'from sklearn.linear_model import LogisticRegression\nLogisticRegression(solver="liblinear").fit(X, y)',
      errors: [{ line: 2, column: 1, severity: 'hint', message: /random only with `penalty='l1'` or `dual=True`, which is not written here/ }],
    },
    {
      name: 'a library with a fixed default seed: the message says what the risk is',
      code: 'import xgboost as xgb\nxgb.XGBClassifier(n_estimators=10, colsample_bytree=frac)',
      errors: [{ line: 2, column: 1, endColumn: 18, message: /^`XGBClassifier` is random and `random_state` is not set, so the model rests on the library's default seed, which a version can change and nobody wrote down; pass `random_state=42`\.$/ }],
      output: 'import xgboost as xgb\nxgb.XGBClassifier(n_estimators=10, colsample_bytree=frac, random_state=42)',
    },
    {
      name: 'DataLoader(shuffle=True) when torch is never seeded: no fix',
      code: 'from torch.utils.data import DataLoader\nDataLoader(ds, batch_size=4, shuffle=True)',
      errors: [{ line: 2, column: 1, endColumn: 11, message: /shuffles with an unseeded RNG/ }],
      output: null,
    },
    {
      name: 'Hugging Face datasets split without seed',
      code: 'from datasets import load_dataset\nds = load_dataset("x")\nds = ds["train"].train_test_split(test_size=0.1)\nds.shuffle()',
      errors: [{ line: 3, column: 6, endColumn: 34 }, { line: 4, column: 1, endColumn: 11 }],
      output: 'from datasets import load_dataset\nds = load_dataset("x")\nds = ds["train"].train_test_split(test_size=0.1, seed=42)\nds.shuffle(seed=42)',
    },
    {
      name: 'receiver traced through a chain of rebindings',
      cells: ['from datasets import load_dataset\nds = load_dataset("x", split="train")', 'ds = ds.map(f)\nds = ds.filter(g)\nds = ds.map(h)\nds = ds.cast_column("a", A)\nds = ds.map(k)\nds = ds.train_test_split(test_size=0.1)'],
      errors: [{ cell: 2, line: 6, column: 6, endColumn: 25 }],
    },
    {
      name: 'user catalogue: own estimator',
      code: 'from mylib.models import Forest\nForest(3)',
      config: { randomness: { params: [{ name: 'mylib.models.Forest', params: ['seed'] }] } },
      errors: [{ line: 2, column: 1, endColumn: 7 }],
      output: 'from mylib.models import Forest\nForest(3, seed=42)',
    },
      {
      name: 'a Pipeline does not seed its steps; a bagging ensemble without random_state is reported itself',
      code: 'from sklearn.pipeline import make_pipeline\nfrom sklearn.ensemble import BaggingClassifier, RandomForestClassifier\nfrom sklearn.tree import DecisionTreeClassifier\nmake_pipeline(RandomForestClassifier()).fit(X, y)\nBaggingClassifier(DecisionTreeClassifier()).fit(X, y)',
      errors: [{ line: 4, column: 15, endColumn: 37 }, { line: 5, column: 1, endColumn: 18 }],
    },
    {
      name: 'notebook: an estimator displayed and then fitted',
      cells: ['from sklearn.ensemble import RandomForestClassifier', 'rf = RandomForestClassifier()\nrf', 'rf.fit(X, y)'],
      errors: [{ cell: 2, line: 1, column: 6, endColumn: 28 }],
    },
    {
      name: 'a base estimator of a meta-estimator that does not seed it',
      code: 'from sklearn.multiclass import OneVsRestClassifier\nfrom sklearn.svm import SVC\nfrom sklearn.ensemble import RandomForestClassifier\nOneVsRestClassifier(RandomForestClassifier()).fit(X, y)',
      errors: [{ line: 4, column: 21, endColumn: 43 }],
    },
  ],
});
