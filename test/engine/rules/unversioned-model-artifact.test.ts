import { unversionedModelArtifact } from '../../../server/src/engine/rules/unversioned-model-artifact';
import { ruleTester } from '../ruleTester';

ruleTester.run(unversionedModelArtifact, {
  valid: [
    'import joblib\njoblib.dump(model, f"models/model-{version}.joblib")',
    'import joblib\njoblib.dump(model, "models/model-v3.joblib")',
    'import joblib\njoblib.dump(clf, "clf_2024-06-01.pkl")',
    'import joblib\njoblib.dump(clf, path)', // computed elsewhere
    'import pickle\npickle.dump(rows, open("rows.pkl", "wb"))', // data, not a model
    'import numpy as np\nnp.save("model.npy", weights)', // module function, not a model method
    'img.save("model.png")',
    'wb.save("report.xlsx")',
    'import torch\ntorch.save(batch, "batch.pt")',
    'import torch\ntorch.save(model.state_dict(), os.path.join(out_dir, "model.pt"))',
  ],
  invalid: [
    {
      name: 'a save/load round trip (a tutorial showing the API) is a hint',
      code: 'import torch\nPATH = "iris_classifier.pt"\ntorch.save(model.state_dict(), PATH)\nnew_model = Net()\nnew_model.load_state_dict(torch.load(PATH))',
      errors: [{ line: 3, column: 1, endColumn: 11, severity: 'hint', message: /^`torch\.save` saves the model to a fixed path \("iris_classifier\.pt"\) that this code loads back/ }],
    },
    {
      name: 'a load of another path keeps the warning',
      code: 'import joblib\njoblib.dump(model, "model.pkl")\nbaseline = joblib.load("baseline.pkl")',
      errors: [{ line: 2, column: 1, endColumn: 12, severity: 'warning' }],
    },
    {
      code: 'import joblib\njoblib.dump(model, "model.joblib")',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 12, message: /^`joblib\.dump` saves the model to a fixed path \("model\.joblib"\) with no version/ }],
      output: null,
    },
    {
      name: 'pickle to a file opened in a with block, path in a variable',
      code: 'import pickle\nMODEL_PATH = "artifacts/classifier.pkl"\nwith open(MODEL_PATH, "wb") as f:\n    pickle.dump(clf, f)',
      errors: [{ line: 4, column: 5, endColumn: 16, message: /"artifacts\/classifier\.pkl"/ }],
    },
    {
      name: 'torch.save, save_model, keras save, os.path.join of literals',
      cells: [
        'import torch, os',
        'torch.save(net.state_dict(), "weights.pth")\nbooster.save_model("xgb.json")\nmodel.save("my_model.h5")\njoblib.dump(pipe, os.path.join("out", "pipeline.pkl"))',
      ],
      errors: [
        { cell: 2, line: 1, column: 1, endColumn: 11 },
        { cell: 2, line: 2, column: 1, endColumn: 19, message: /`booster\.save_model`/ },
        { cell: 2, line: 3, column: 1, endColumn: 11, message: /`model\.save`/ },
        { cell: 2, line: 4, column: 1, endColumn: 12, message: /"out\/pipeline\.pkl"/ },
      ],
    },
  ],
});
